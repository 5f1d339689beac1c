package dev.runway.events.report;

import dev.runway.events.model.Endpoint;
import java.util.List;
import java.util.UUID;

/**
 * The deploy-worker's reconciler found instances of the active revision missing or dead (killed,
 * crashed, removed while the platform was down) and replaced them; the revision now listens at
 * these endpoints. Outside any operation, so {@code operationId} is null; {@code reason} says what
 * was wrong with the replaced instances.
 */
public record InstancesRestored(String serviceArn, UUID operationId, int revision, List<Endpoint> endpoints,
        String reason) implements Report {

    public InstancesRestored {
        endpoints = List.copyOf(endpoints);
    }

    public static InstancesRestored of(String serviceArn, int revision, List<Endpoint> endpoints, String reason) {
        return new InstancesRestored(serviceArn, null, revision, endpoints, reason);
    }
}
