package dev.runway.registry.internalauth;

import static dev.runway.registry.internalauth.Component.API_GATEWAY;
import static dev.runway.registry.internalauth.Component.AUTOSCALER;
import static dev.runway.registry.internalauth.Component.BUILD_WORKER;
import static dev.runway.registry.internalauth.Component.DEPLOY_WORKER;
import static dev.runway.registry.internalauth.Component.OPERATOR;
import static dev.runway.registry.internalauth.Component.ROUTER;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call which {@code /internal/*} endpoint: one entry per resource method, keyed
 * {@code "<HTTP method> <path template>"} exactly as its JAX-RS annotations spell it. An endpoint
 * without an entry is allowed to nobody (InternalAccessTest fails the build when a resource
 * method has none, so a new endpoint cannot be forgotten). Each entry names only the components
 * whose code calls it (docs/security.md lists them with the reason).
 */
public final class InternalAccess {

    private static final Map<String, Set<Component>> ALLOWED = new LinkedHashMap<>();

    static {
        // access keys: the gateway verifies signatures and serves the console's key pages; the
        // launcher (./runway up, ./runway credentials) and an operator manage them
        allow("POST /internal/access-keys", API_GATEWAY, OPERATOR);
        allow("GET /internal/access-keys", API_GATEWAY, OPERATOR);
        allow("GET /internal/access-keys/{id}", OPERATOR);
        allow("DELETE /internal/access-keys/{id}", API_GATEWAY, OPERATOR);
        allow("GET /internal/access-keys/{id}/secret", API_GATEWAY);
        // re-sealing the tables' secrets under a rotated master key: ./runway credentials rotate master-key
        allow("POST /internal/credentials/reseal", OPERATOR);
        // values: SSM and Secrets Manager through the gateway; resolution for the deploy-worker only
        allow("POST /internal/ssm/{operation}", API_GATEWAY);
        allow("POST /internal/secretsmanager/{operation}", API_GATEWAY);
        allow("POST /internal/secret-references/resolve", DEPLOY_WORKER);
        // connections: the gateway's API and handshake; the build-worker clones with their tokens
        allow("POST /internal/connection-credentials/handshake", API_GATEWAY);
        allow("GET /internal/connection-credentials/secrets", API_GATEWAY, BUILD_WORKER);
        allow("GET /internal/connections", API_GATEWAY);
        allow("GET /internal/connection", API_GATEWAY, BUILD_WORKER);
        // services and their operations: the gateway's reads; the deploy-worker's desired state;
        // the build-worker's branch poller
        allow("GET /internal/services", API_GATEWAY, BUILD_WORKER);
        allow("GET /internal/service", API_GATEWAY, DEPLOY_WORKER);
        allow("GET /internal/operations", API_GATEWAY);
        allow("GET /internal/revisions", API_GATEWAY);
        allow("GET /internal/routes", ROUTER, DEPLOY_WORKER, AUTOSCALER);
        // custom domains' certificates (with their keys) and ACME answers: the router serves them
        allow("GET /internal/custom-domains/served", ROUTER);
        allow("GET /internal/acme-challenge/{token}", ROUTER);
        // event rules (the gateway's delivery follows them), audit, logs, metrics, resources
        allow("GET /internal/event-rules", API_GATEWAY);
        allow("GET /internal/event-rules/changes", API_GATEWAY);
        allow("GET /internal/event-rules/position", API_GATEWAY);
        allow("GET /internal/audit", API_GATEWAY);
        allow("GET /internal/logs/groups", API_GATEWAY);
        allow("GET /internal/logs/streams", API_GATEWAY);
        allow("GET /internal/logs/events", API_GATEWAY);
        allow("GET /internal/logs/scan", API_GATEWAY);
        allow("GET /internal/metrics", API_GATEWAY, OPERATOR);
        allow("GET /internal/metrics/names", API_GATEWAY, OPERATOR);
        for (String r : new String[] {"auto-scaling-configuration", "auto-scaling-configurations",
                "auto-scaling-configuration/services", "observability-configuration", "observability-configurations",
                "vpc-connector", "vpc-connectors", "vpc-ingress-connection", "vpc-ingress-connections",
                "custom-domains", "tags"}) {
            allow("GET /internal/resources/" + r, API_GATEWAY);
        }
        // operations on the registry itself
        allow("POST /internal/projections/rebuild", OPERATOR);
        allow("GET /internal/endpoints", OPERATOR);
    }

    private InternalAccess() {
    }

    private static void allow(String endpoint, Component first, Component... more) {
        if (ALLOWED.putIfAbsent(endpoint, Collections.unmodifiableSet(EnumSet.of(first, more))) != null) {
            throw new IllegalStateException("two allow-list entries for " + endpoint);
        }
    }

    /** The components allowed to call {@code endpoint}; empty when it has no entry (nobody may). */
    public static Set<Component> allowed(String endpoint) {
        return Optional.ofNullable(ALLOWED.get(endpoint)).orElse(Set.of());
    }

    /** Every entry, in the order above. */
    public static Map<String, Set<Component>> entries() {
        return Collections.unmodifiableMap(ALLOWED);
    }

    /** The verdict on one call: who called (empty: no valid credential) and what. */
    public static Verdict decide(Optional<Component> caller, String endpoint) {
        if (caller.isEmpty()) {
            return Verdict.UNAUTHENTICATED;
        }
        return allowed(endpoint).contains(caller.get()) ? Verdict.ALLOWED : Verdict.FORBIDDEN;
    }

    public enum Verdict {
        ALLOWED, UNAUTHENTICATED, FORBIDDEN
    }
}
