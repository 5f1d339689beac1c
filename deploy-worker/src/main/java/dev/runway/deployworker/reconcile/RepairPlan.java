package dev.runway.deployworker.reconcile;

import dev.runway.deployworker.engine.Container;
import dev.runway.deployworker.rollout.Labels;
import dev.runway.events.model.Endpoint;
import dev.runway.events.model.RevisionTraffic;
import dev.runway.events.query.RouteSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the reconciler must do, decided from desired state (the registry's routes) and observed
 * state (this platform's containers). Pure: no engine, no registry.
 */
public final class RepairPlan {

    /** An action the reconciler takes. */
    public sealed interface Action permits Restore, RemoveOrphan, SplitRevisionLost {
        String serviceArn();
    }

    /**
     * Bring the active revision of a RUNNING service back to {@code instances} healthy running
     * containers; {@code missing} are the instances to replace (gone, dead or unhealthy).
     */
    public record Restore(String serviceArn, String serviceName, int instances, List<String> missing) implements Action {
    }

    /**
     * Instances of a revision running beside the active one under a traffic split are gone or
     * dead: the registry, which holds that revision's configuration, is told and starts it again.
     */
    public record SplitRevisionLost(String serviceArn, String serviceName, int revision, List<String> missing)
            implements Action {
    }

    /** Containers of a service the registry no longer has: remove them. */
    public record RemoveOrphan(String serviceArn, int containers) implements Action {
    }

    /**
     * @param routes     every live service the registry knows, with the endpoints traffic goes to
     * @param containers every container labelled with this platform's id
     * @param unhealthy  instance ids that failed their service's health check too often in a row
     */
    public static List<Action> decide(RouteSnapshot routes, List<Container> containers, Set<String> unhealthy) {
        List<Action> actions = new ArrayList<>();
        for (RouteSnapshot.Route route : routes.routes()) {
            if (!"RUNNING".equals(route.status()) || route.endpoints().isEmpty()) {
                continue; // an operation is in charge, or nothing should run
            }
            Set<String> running = containers.stream()
                    .filter(c -> route.serviceArn().equals(c.label(Labels.SERVICE_ARN)) && c.running())
                    .map(c -> c.label(Labels.INSTANCE))
                    .filter(id -> !unhealthy.contains(id))
                    .collect(Collectors.toSet());
            List<String> missing = route.endpoints().stream().map(Endpoint::instanceId)
                    .filter(id -> !running.contains(id)).toList();
            if (!missing.isEmpty()) {
                // the scaled count, not merely the endpoints left: a scale-up may still be starting
                int want = Math.max(1, route.desiredInstances());
                actions.add(new Restore(route.serviceArn(), route.serviceName(), want, missing));
            }
            for (RevisionTraffic share : route.traffic()) {
                if (share.revision() == (route.activeRevision() == null ? -1 : route.activeRevision())) {
                    continue; // the active revision's endpoints are the route's own, above
                }
                List<String> lost = share.endpoints().stream().map(Endpoint::instanceId)
                        .filter(id -> !running.contains(id)).toList();
                if (!lost.isEmpty()) {
                    actions.add(new SplitRevisionLost(route.serviceArn(), route.serviceName(), share.revision(), lost));
                }
            }
        }
        Set<String> known = routes.routes().stream().map(RouteSnapshot.Route::serviceArn).collect(Collectors.toSet());
        containers.stream()
                .map(c -> c.label(Labels.SERVICE_ARN))
                .filter(arn -> arn != null && !known.contains(arn))
                .collect(Collectors.groupingBy(arn -> arn, java.util.LinkedHashMap::new, Collectors.counting()))
                .forEach((arn, n) -> actions.add(new RemoveOrphan(arn, n.intValue())));
        return actions;
    }

    private RepairPlan() {
    }
}
