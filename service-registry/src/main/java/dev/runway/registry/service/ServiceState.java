package dev.runway.registry.service;

import dev.runway.events.model.AutoScalingLimits;
import dev.runway.events.model.Endpoint;
import dev.runway.events.model.OperationType;
import dev.runway.events.model.ServiceConfiguration;
import dev.runway.events.model.ServiceStatus;
import java.util.List;
import java.util.UUID;

/**
 * A service as its own events left it: what decisions need, nothing more.
 *
 * @param status          null until the service exists
 * @param configuration   the configuration of the revision that serves (or last served)
 * @param operation       the operation in progress, or null
 * @param latestRevision  the highest revision number any deployment started
 * @param deployedRevision the revision that last became active; kept while paused
 * @param activeRevision  the revision receiving traffic now, or null (paused, failed, stopped)
 * @param rollout         the deployment in progress, or null
 * @param endpoints       where the active revision's instances take traffic (empty when none)
 * @param instances       how many instances the active revision should run: what its deployment
 *                        started, then the last scaling decision
 * @param limits          the auto scaling limits in force, or null for a service created before
 *                        they were recorded
 * @param version         the stream version these events reached (0 for a new stream)
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
        Integer deployedRevision,
        Integer activeRevision,
        Rollout rollout,
        List<Endpoint> endpoints,
        int instances,
        AutoScalingLimits limits,
        long version) {

    public ServiceState {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }

    /** The revision a deployment in progress brings up, and the configuration it runs with. */
    public record Rollout(int revision, ServiceConfiguration configuration) {
    }

    /** The operation a service is busy with. */
    public record Operation(UUID id, OperationType type) {
    }

    public static ServiceState initial() {
        return new ServiceState(null, null, null, null, null, null, null, 0, null, null, null, List.of(), 0, null, 0);
    }

    public boolean exists() {
        return status != null && status != ServiceStatus.DELETED;
    }

    ServiceState withStatus(ServiceStatus s) {
        return new ServiceState(serviceArn, serviceId, serviceName, serviceUrl, s, configuration, operation,
                latestRevision, deployedRevision, activeRevision, rollout, endpoints, instances, limits, version);
    }

    ServiceState withConfiguration(ServiceConfiguration c) {
        return new ServiceState(serviceArn, serviceId, serviceName, serviceUrl, status, c, operation,
                latestRevision, deployedRevision, activeRevision, rollout, endpoints, instances, limits, version);
    }

    ServiceState withOperation(Operation o) {
        return new ServiceState(serviceArn, serviceId, serviceName, serviceUrl, status, configuration, o,
                latestRevision, deployedRevision, activeRevision, rollout, endpoints, instances, limits, version);
    }

    ServiceState withRollout(Rollout r) {
        int latest = r == null ? latestRevision : Math.max(latestRevision, r.revision());
        return new ServiceState(serviceArn, serviceId, serviceName, serviceUrl, status, configuration, operation,
                latest, deployedRevision, activeRevision, r, endpoints, instances, limits, version);
    }

    ServiceState withActive(Integer deployed, Integer active) {
        return new ServiceState(serviceArn, serviceId, serviceName, serviceUrl, status, configuration, operation,
                latestRevision, deployed, active, rollout, endpoints, instances, limits, version);
    }

    ServiceState withVersion(long v) {
        return new ServiceState(serviceArn, serviceId, serviceName, serviceUrl, status, configuration, operation,
                latestRevision, deployedRevision, activeRevision, rollout, endpoints, instances, limits, v);
    }

    ServiceState withEndpoints(List<Endpoint> e) {
        return new ServiceState(serviceArn, serviceId, serviceName, serviceUrl, status, configuration, operation,
                latestRevision, deployedRevision, activeRevision, rollout, e, instances, limits, version);
    }

    ServiceState withInstances(int n) {
        return new ServiceState(serviceArn, serviceId, serviceName, serviceUrl, status, configuration, operation,
                latestRevision, deployedRevision, activeRevision, rollout, endpoints, n, limits, version);
    }

    ServiceState withLimits(AutoScalingLimits l) {
        return new ServiceState(serviceArn, serviceId, serviceName, serviceUrl, status, configuration, operation,
                latestRevision, deployedRevision, activeRevision, rollout, endpoints, instances, l, version);
    }
}
