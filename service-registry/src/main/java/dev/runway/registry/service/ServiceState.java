package dev.runway.registry.service;

import dev.runway.events.model.AutoScalingLimits;
import dev.runway.events.model.Endpoint;
import dev.runway.events.model.OperationType;
import dev.runway.events.model.ServiceConfiguration;
import dev.runway.events.model.ServiceStatus;
import dev.runway.events.model.RevisionTraffic;
import dev.runway.events.model.TrafficSplit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * @param traffic         the split between revisions (Runway.UpdateTraffic) and what a change of it
 *                        in progress has started
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
        Traffic traffic,
        long version) {

    public ServiceState {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        traffic = traffic == null ? Traffic.NONE : traffic;
    }

    /**
     * Where requests go beyond the active revision.
     *
     * @param split          the revisions sharing the traffic, with their endpoints; empty when every
     *                       request goes to the active revision (App Runner's behaviour)
     * @param pending        the split a traffic change in progress asked for; null when none is
     * @param ready          endpoints of the revisions that change has started so far
     * @param configurations each revision that became active, with what it ran with: what starts it
     *                       again when a split names it
     */
    public record Traffic(List<RevisionTraffic> split, List<TrafficSplit.Entry> pending,
            Map<Integer, List<Endpoint>> ready, Map<Integer, ServiceConfiguration> configurations) {

        static final Traffic NONE = new Traffic(List.of(), null, Map.of(), Map.of());
        /** Configurations remembered: more than any RUNWAY_REVISIONS_KEPT in use. */
        static final int CONFIGURATIONS_KEPT = 20;

        public Traffic {
            split = List.copyOf(split);
            pending = pending == null ? null : List.copyOf(pending);
            ready = Map.copyOf(ready);
            configurations = Map.copyOf(configurations);
        }

        Traffic withSplit(List<RevisionTraffic> s) {
            return new Traffic(s, null, Map.of(), configurations);
        }

        Traffic withPending(List<TrafficSplit.Entry> p) {
            return new Traffic(split, p, Map.of(), configurations);
        }

        Traffic withReady(int revision, List<Endpoint> endpoints) {
            Map<Integer, List<Endpoint>> r = new HashMap<>(ready);
            r.put(revision, endpoints);
            return new Traffic(split, pending, r, configurations);
        }

        Traffic withConfiguration(int revision, ServiceConfiguration c) {
            TreeMap<Integer, ServiceConfiguration> m = new TreeMap<>(configurations);
            m.put(revision, c);
            while (m.size() > CONFIGURATIONS_KEPT) {
                m.pollFirstEntry();
            }
            return new Traffic(split, pending, ready, m);
        }

        /** The endpoints of a revision in the split that runs beside the active one; empty when none. */
        List<Endpoint> endpointsOf(int revision) {
            return split.stream().filter(t -> t.revision() == revision).findFirst()
                    .map(RevisionTraffic::endpoints).orElse(List.of());
        }
    }

    /**
     * The revision a deployment in progress brings up, and the configuration it runs with; for a
     * gradual rollout ({@code runway:rollout}) also its plan, the revision it replaces and where
     * it is.
     *
     * @param steps         the new revision's share step by step; empty when it takes all at once
     * @param fromRevision  the revision serving when it started (stays active until the last step)
     * @param percent       the share it has now (0 until healthy)
     * @param stepStartedAt when that share took effect; null until healthy
     */
    public record Rollout(int revision, ServiceConfiguration configuration, List<Integer> steps,
            int intervalSeconds, Integer fromRevision, int percent, java.time.Instant stepStartedAt) {

        public Rollout {
            steps = steps == null ? List.of() : List.copyOf(steps);
        }

        public Rollout(int revision, ServiceConfiguration configuration) {
            this(revision, configuration, List.of(), 0, null, 0, null);
        }

        public boolean gradual() {
            return !steps.isEmpty();
        }

        Rollout withPlan(List<Integer> s, int interval, int from) {
            return new Rollout(revision, configuration, s, interval, from, 0, null);
        }

        Rollout withStep(int p, java.time.Instant at) {
            return new Rollout(revision, configuration, steps, intervalSeconds, fromRevision, p, at);
        }

        Rollout withConfiguration(ServiceConfiguration c) {
            return new Rollout(revision, c, steps, intervalSeconds, fromRevision, percent, stepStartedAt);
        }
    }

    /** The operation a service is busy with. */
    public record Operation(UUID id, OperationType type) {
    }

    public static ServiceState initial() {
        return new ServiceState(null, null, null, null, null, null, null, 0, null, null, null, List.of(), 0, null,
                Traffic.NONE, 0);
    }

    public boolean exists() {
        return status != null && status != ServiceStatus.DELETED;
    }

    ServiceState withStatus(ServiceStatus s) {
        return new ServiceState(serviceArn, serviceId, serviceName, serviceUrl, s, configuration, operation,
                latestRevision, deployedRevision, activeRevision, rollout, endpoints, instances, limits, traffic, version);
    }

    ServiceState withConfiguration(ServiceConfiguration c) {
        return new ServiceState(serviceArn, serviceId, serviceName, serviceUrl, status, c, operation,
                latestRevision, deployedRevision, activeRevision, rollout, endpoints, instances, limits, traffic, version);
    }

    ServiceState withOperation(Operation o) {
        return new ServiceState(serviceArn, serviceId, serviceName, serviceUrl, status, configuration, o,
                latestRevision, deployedRevision, activeRevision, rollout, endpoints, instances, limits, traffic, version);
    }

    ServiceState withRollout(Rollout r) {
        int latest = r == null ? latestRevision : Math.max(latestRevision, r.revision());
        return new ServiceState(serviceArn, serviceId, serviceName, serviceUrl, status, configuration, operation,
                latest, deployedRevision, activeRevision, r, endpoints, instances, limits, traffic, version);
    }

    ServiceState withActive(Integer deployed, Integer active) {
        return new ServiceState(serviceArn, serviceId, serviceName, serviceUrl, status, configuration, operation,
                latestRevision, deployed, active, rollout, endpoints, instances, limits, traffic, version);
    }

    ServiceState withVersion(long v) {
        return new ServiceState(serviceArn, serviceId, serviceName, serviceUrl, status, configuration, operation,
                latestRevision, deployedRevision, activeRevision, rollout, endpoints, instances, limits, traffic, v);
    }

    ServiceState withEndpoints(List<Endpoint> e) {
        return new ServiceState(serviceArn, serviceId, serviceName, serviceUrl, status, configuration, operation,
                latestRevision, deployedRevision, activeRevision, rollout, e, instances, limits, traffic, version);
    }

    ServiceState withInstances(int n) {
        return new ServiceState(serviceArn, serviceId, serviceName, serviceUrl, status, configuration, operation,
                latestRevision, deployedRevision, activeRevision, rollout, endpoints, n, limits, traffic, version);
    }

    ServiceState withTraffic(Traffic t) {
        return new ServiceState(serviceArn, serviceId, serviceName, serviceUrl, status, configuration, operation,
                latestRevision, deployedRevision, activeRevision, rollout, endpoints, instances, limits, t, version);
    }

    ServiceState withLimits(AutoScalingLimits l) {
        return new ServiceState(serviceArn, serviceId, serviceName, serviceUrl, status, configuration, operation,
                latestRevision, deployedRevision, activeRevision, rollout, endpoints, instances, l, traffic, version);
    }
}
