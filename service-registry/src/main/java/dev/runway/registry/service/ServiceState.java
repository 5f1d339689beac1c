package dev.runway.registry.service;

import dev.runway.events.model.OperationType;
import dev.runway.events.model.ServiceConfiguration;
import dev.runway.events.model.ServiceStatus;
import java.util.UUID;

/**
 * A service as its own events left it: what decisions need, nothing more.
 *
 * @param status         null until the service exists
 * @param operation      the operation in progress, or null
 * @param latestRevision the newest revision a deployment started
 * @param activeRevision the revision receiving traffic, or null
 * @param version        the stream version these events reached (0 for a new stream)
 */
public record ServiceState(
        String serviceArn,
        String serviceId,
        String serviceName,
        String serviceUrl,
        ServiceStatus status,
        ServiceConfiguration configuration,
        Operation operation,
        int latestRevision,
        Integer activeRevision,
        long version) {

    /** The operation a service is busy with. */
    public record Operation(UUID id, OperationType type) {
    }

    public static ServiceState initial() {
        return new ServiceState(null, null, null, null, null, null, null, 0, null, 0);
    }

    public boolean exists() {
        return status != null && status != ServiceStatus.DELETED;
    }

    ServiceState withStatus(ServiceStatus s) {
        return new ServiceState(serviceArn, serviceId, serviceName, serviceUrl, s, configuration, operation,
                latestRevision, activeRevision, version);
    }

    ServiceState withOperation(Operation o) {
        return new ServiceState(serviceArn, serviceId, serviceName, serviceUrl, status, configuration, o,
                latestRevision, activeRevision, version);
    }

    ServiceState withRevisions(int latest, Integer active) {
        return new ServiceState(serviceArn, serviceId, serviceName, serviceUrl, status, configuration, operation,
                latest, active, version);
    }

    ServiceState withVersion(long v) {
        return new ServiceState(serviceArn, serviceId, serviceName, serviceUrl, status, configuration, operation,
                latestRevision, activeRevision, v);
    }
}
