package dev.runway.events.query;

import dev.runway.events.model.Endpoint;
import dev.runway.events.model.ServiceConfiguration;
import dev.runway.events.model.Tag;
import java.time.Instant;
import java.util.List;

/**
 * One service as the service-registry's projection describes it (its query API,
 * {@code GET /internal/service?arn=}). Read by the api-gateway and the router.
 */
public record ServiceRecord(
        String serviceArn,
        String serviceId,
        String serviceName,
        String serviceUrl,
        String status,
        String statusMessage,
        ServiceConfiguration configuration,
        List<Tag> tags,
        Integer activeRevision,
        List<Endpoint> endpoints,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt,
        long streamVersion) {
}
