package dev.runway.events.query;

import dev.runway.events.model.Endpoint;
import dev.runway.events.model.RevisionTraffic;
import java.util.List;

/**
 * Every live service's route ({@code GET /internal/routes}): where a router starts before it
 * follows {@code runway.events}.
 */
public record RouteSnapshot(List<Route> routes) {

    /**
     * One service's host and the endpoints of its active revision; {@code streamVersion} orders it
     * against events. {@code maxConcurrency} and {@code maxSize} are the service's auto scaling
     * limits and {@code minSize} its MinSize, null when the registry does not know them (the
     * defaults apply then). {@code instances} is how many instances the active revision should run
     * (its last scaling decision); null when not known (then as many as it has endpoints).
     * {@code idleTimeoutSeconds} is the idle window of a service that scales to zero (Runway's
     * {@code runway:min-size=0} tag, {@link dev.runway.events.model.ScaleToZero}); null when it does not.
     * {@code activeRevision} is the revision {@code endpoints} belong to; {@code traffic} the service's
     * split between revisions ({@code Runway.UpdateTraffic}), empty when every request goes to the
     * active revision.
     */
    public record Route(String serviceArn, String serviceName, String host, String status, long streamVersion,
            List<Endpoint> endpoints, Integer maxConcurrency, Integer maxSize, Integer minSize, Integer instances,
            Integer idleTimeoutSeconds, Integer activeRevision, List<RevisionTraffic> traffic, Rollout rollout) {

        public Route {
            traffic = traffic == null ? List.of() : List.copyOf(traffic);
        }

        public Route(String serviceArn, String serviceName, String host, String status, long streamVersion,
                List<Endpoint> endpoints, Integer maxConcurrency, Integer maxSize, Integer minSize, Integer instances,
                Integer idleTimeoutSeconds, Integer activeRevision, List<RevisionTraffic> traffic) {
            this(serviceArn, serviceName, host, status, streamVersion, endpoints, maxConcurrency, maxSize, minSize,
                    instances, idleTimeoutSeconds, activeRevision, traffic, null);
        }

        public Route(String serviceArn, String serviceName, String host, String status, long streamVersion,
                List<Endpoint> endpoints, Integer maxConcurrency, Integer maxSize, Integer minSize, Integer instances,
                Integer idleTimeoutSeconds) {
            this(serviceArn, serviceName, host, status, streamVersion, endpoints, maxConcurrency, maxSize, minSize,
                    instances, idleTimeoutSeconds, null, List.of());
        }

        public Route(String serviceArn, String serviceName, String host, String status, long streamVersion,
                List<Endpoint> endpoints, Integer maxConcurrency, Integer maxSize, Integer minSize, Integer instances) {
            this(serviceArn, serviceName, host, status, streamVersion, endpoints, maxConcurrency, maxSize, minSize,
                    instances, null);
        }

        public Route(String serviceArn, String serviceName, String host, String status, long streamVersion,
                List<Endpoint> endpoints) {
            this(serviceArn, serviceName, host, status, streamVersion, endpoints, null, null, null, null, null);
        }

        /** Instances the active revision should run: the last scaling decision, else its endpoints. */
        public int desiredInstances() {
            return instances != null ? instances : endpoints == null ? 0 : endpoints.size();
        }
    }

    /**
     * A gradual rollout under way (the service's {@code runway:rollout} tags), for the autoscaler
     * that decides its steps: {@code revision} takes {@code percent} % since {@code stepStartedAt}
     * (null until it is healthy), {@code fromRevision} the rest.
     */
    public record Rollout(java.util.UUID operationId, int revision, int fromRevision, List<Integer> steps,
            int intervalSeconds, int percent, java.time.Instant stepStartedAt) {

        public Rollout {
            steps = steps == null ? List.of() : List.copyOf(steps);
        }
    }
}
