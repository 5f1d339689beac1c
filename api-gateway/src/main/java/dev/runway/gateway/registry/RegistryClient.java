package dev.runway.gateway.registry;

import dev.runway.events.query.OperationRecord;
import dev.runway.events.query.Page;
import dev.runway.events.query.RegistryQueries;
import dev.runway.events.query.ServiceRecord;
import dev.runway.gateway.config.GatewayConfig;
import dev.runway.gateway.protocol.ApiError;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** Reads from the service-registry's query API (its projections); an unreachable registry is an InternalServiceError. */
@ApplicationScoped
public class RegistryClient {

    /** One read of the registry, which may fail with an I/O error. */
    @FunctionalInterface
    private interface Read<T> {
        T get() throws IOException;
    }

    private final RegistryQueries queries;

    public RegistryClient(GatewayConfig config) {
        this.queries = new RegistryQueries(config.serviceRegistry().url(), Duration.ofSeconds(5));
    }

    public Optional<ServiceRecord> service(String arn) {
        return read(() -> queries.service(arn));
    }

    public Page<ServiceRecord> services(int offset, int limit) {
        return read(() -> queries.services(offset, limit));
    }

    /** Empty when the service is unknown. */
    public Optional<Page<OperationRecord>> operations(String serviceArn, int offset, int limit) {
        return read(() -> queries.operations(serviceArn, offset, limit));
    }

    /** A service's revisions, newest first; empty when the service is unknown. */
    public Optional<java.util.List<dev.runway.events.query.RevisionRecord>> revisions(String serviceArn) {
        return read(() -> queries.revisions(serviceArn));
    }

    /** Every live event rule with its targets. */
    public dev.runway.events.query.EventRuleSnapshot eventRules() {
        return read(queries::eventRules);
    }

    /** The position of the last rule change (see {@link dev.runway.events.query.EventRuleSnapshot}). */
    public long eventRulesPosition() {
        return read(queries::eventRulesPosition);
    }

    /** Rule events after a position, oldest first (see {@link dev.runway.events.query.EventRuleChanges}). */
    public dev.runway.events.query.EventRuleChanges eventRuleChanges(long position, int limit) {
        return read(() -> queries.eventRuleChanges(position, limit));
    }

    /** Audit records newest first: {"events": [...], "more": bool}. */
    public com.fasterxml.jackson.databind.JsonNode auditEvents(String key, String value, Long startMillis, Long endMillis,
            int offset, int limit) {
        return read(() -> queries.auditEvents(key, value, startMillis, endMillis, offset, limit));
    }

    /** A read of the log store (see the registry's LogQueryResource); empty when the group or stream is unknown. */
    public Optional<com.fasterxml.jackson.databind.JsonNode> logs(String what, java.util.Map<String, ?> parameters) {
        return read(() -> queries.logs(what, parameters));
    }

    private <T> T read(Read<T> read) {
        try {
            return read.get();
        } catch (IOException e) {
            throw ApiError.internal("Runway could not read from its service registry (" + e.getMessage()
                    + "). ./runway status shows which components run.");
        }
    }
}
