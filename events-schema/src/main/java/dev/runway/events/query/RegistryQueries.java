package dev.runway.events.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.runway.events.wire.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The client of the service-registry's query API, for every module that reads the registry's
 * projections (the gateway's reads, the router's snapshot, the deploy-worker's desired state).
 * Blocking; an unreachable registry or an unexpected answer is an {@link IOException}.
 */
public final class RegistryQueries {

    private final String base;
    private final Duration timeout;
    private final HttpClient http;

    public RegistryQueries(String registryUrl, Duration timeout) {
        this.base = registryUrl.replaceAll("/+$", "");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    public String baseUrl() {
        return base;
    }

    /** One service, deleted ones included; empty when the registry never knew it. */
    public Optional<ServiceRecord> service(String arn) throws IOException {
        return get("/internal/service?arn=" + encode(arn), new TypeReference<>() {
        });
    }

    /** Live services, oldest first. */
    public Page<ServiceRecord> services(int offset, int limit) throws IOException {
        return require("/internal/services?offset=" + offset + "&limit=" + limit, new TypeReference<>() {
        });
    }

    /** A service's operations, newest first; empty when the service is unknown. */
    public Optional<Page<OperationRecord>> operations(String serviceArn, int offset, int limit) throws IOException {
        return get("/internal/operations?serviceArn=" + encode(serviceArn) + "&offset=" + offset + "&limit=" + limit,
                new TypeReference<>() {
                });
    }

    /** A service's revisions, newest first (Runway's extension); empty when the service is unknown. */
    public Optional<java.util.List<RevisionRecord>> revisions(String serviceArn) throws IOException {
        return get("/internal/revisions?serviceArn=" + encode(serviceArn), new TypeReference<>() {
        });
    }

    /** Live connections (not DELETED), oldest first; only the one named {@code name} when it is not null. */
    public Page<ConnectionRecord> connections(int offset, int limit, String name) throws IOException {
        return require("/internal/connections?offset=" + offset + "&limit=" + limit
                + (name == null ? "" : "&name=" + encode(name)), new TypeReference<>() {
                });
    }

    /** One connection, deleted ones included; empty when the registry never knew it. */
    public Optional<ConnectionRecord> connection(String arn) throws IOException {
        return get("/internal/connection?arn=" + encode(arn), new TypeReference<>() {
        });
    }

    /** A connection's token and webhook secret (only after its handshake); empty when it has none. */
    public Optional<ConnectionSecrets> connectionSecrets(String arn) throws IOException {
        return get("/internal/connection-credentials/secrets?arn=" + encode(arn), new TypeReference<>() {
        });
    }

    /** Every live service's route. */
    public RouteSnapshot routes() throws IOException {
        return require("/internal/routes", new TypeReference<>() {
        });
    }

    /**
     * The secret of an active access key, for verifying signatures; empty when the key is unknown or
     * was deleted. Only the api-gateway asks this.
     */
    public Optional<AccessKeySecret> accessKeySecret(String accessKeyId) throws IOException {
        return get("/internal/access-keys/" + encode(accessKeyId) + "/secret", new TypeReference<>() {
        });
    }

    /** Every live event rule with its targets. */
    public EventRuleSnapshot eventRules() throws IOException {
        return require("/internal/event-rules", new TypeReference<>() {
        });
    }

    /** The position of the last rule change, to tell whether a copy of {@link #eventRules()} is current. */
    public long eventRulesPosition() throws IOException {
        return require("/internal/event-rules/position", new TypeReference<Long>() {
        });
    }

    /** At most {@code limit} rule events after {@code position}, oldest first. */
    public EventRuleChanges eventRuleChanges(long position, int limit) throws IOException {
        return require("/internal/event-rules/changes?after=" + position + "&limit=" + limit, new TypeReference<>() {
        });
    }

    /** Audit records newest first (see the registry's AuditQueryResource): {"events": [...], "more": bool}. */
    public com.fasterxml.jackson.databind.JsonNode auditEvents(String key, String value, Long startMillis, Long endMillis,
            int offset, int limit) throws IOException {
        StringBuilder path = new StringBuilder("/internal/audit?offset=" + offset + "&limit=" + limit);
        if (key != null) {
            path.append("&key=").append(encode(key)).append("&value=").append(encode(value));
        }
        if (startMillis != null) {
            path.append("&start=").append(startMillis);
        }
        if (endMillis != null) {
            path.append("&end=").append(endMillis);
        }
        return require(path.toString(), new TypeReference<com.fasterxml.jackson.databind.JsonNode>() {
        });
    }

    /**
     * One read of the log store, {@code GET /internal/logs/<what>} with these parameters (a list
     * value repeats the parameter); empty when the group or stream asked for does not exist.
     */
    public Optional<com.fasterxml.jackson.databind.JsonNode> logs(String what,
            java.util.Map<String, ?> parameters) throws IOException {
        StringBuilder path = new StringBuilder("/internal/logs/" + what);
        char sep = '?';
        for (var p : parameters.entrySet()) {
            if (p.getValue() == null) {
                continue;
            }
            Iterable<?> values = p.getValue() instanceof Iterable<?> many ? many : java.util.List.of(p.getValue());
            for (Object v : values) {
                if (v != null) {
                    path.append(sep).append(encode(p.getKey())).append('=').append(encode(String.valueOf(v)));
                    sep = '&';
                }
            }
        }
        return get(path.toString(), new TypeReference<com.fasterxml.jackson.databind.JsonNode>() {
        });
    }

    private <T> T require(String path, TypeReference<T> type) throws IOException {
        return get(path, type).orElseThrow(() -> new IOException("the service-registry at " + base
                + " answered 404 to GET " + path));
    }

    private <T> Optional<T> get(String path, TypeReference<T> type) throws IOException {
        HttpRequest request = InternalCredential.authorize(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout).header("Accept", "application/json")).GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading from the service-registry", e);
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IOException("the service-registry at " + base + " answered " + response.statusCode()
                    + " to GET " + path);
        }
        try {
            return Optional.of(Json.MAPPER.readValue(response.body(), type));
        } catch (JsonProcessingException e) {
            throw new IOException("the service-registry's answer to GET " + path + " is not readable: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
