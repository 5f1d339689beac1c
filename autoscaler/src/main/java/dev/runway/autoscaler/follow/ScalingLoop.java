package dev.runway.autoscaler.follow;

import dev.runway.autoscaler.decide.KpaSettings;
import dev.runway.autoscaler.decide.Observation;
import dev.runway.autoscaler.decide.ScaleDecider;
import dev.runway.autoscaler.decide.ScalingLimits;
import dev.runway.autoscaler.decide.ServiceWindows;
import dev.runway.events.command.ScaleService;
import dev.runway.events.query.RouteSnapshot;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Once a period, decides each RUNNING service's instance count from its figures and asks the
 * registry for the change with a {@link ScaleService} command. Everything but the figures is read
 * afresh from the registry every round (each service's limits and the count it should have now),
 * so nothing here outlives a restart; a command the registry refuses (an operation in progress)
 * is simply sent again next round while the decision stands.
 */
public final class ScalingLoop {

    /** The registry's view of the services: their routes, limits and instance counts. */
    public interface Services {
        List<RouteSnapshot.Route> routes() throws IOException;
    }

    private final ServiceWindows windows;
    private final Services services;
    private final Consumer<ScaleService> commands;
    private final ScalingLimits defaults;
    private final KpaSettings kpa;
    private final Clock clock;
    private final Map<String, Integer> lastLogged = new ConcurrentHashMap<>();

    /**
     * @param defaults the limits of a service whose limits the registry does not know (one created
     *                 before they were recorded)
     */
    public ScalingLoop(ServiceWindows windows, Services services, Consumer<ScaleService> commands,
            ScalingLimits defaults, KpaSettings kpa, Clock clock) {
        this.windows = windows;
        this.services = services;
        this.commands = commands;
        this.defaults = defaults;
        this.kpa = kpa;
        this.clock = clock;
    }

    /** One round over every RUNNING service with figures; returns the decisions sent as commands. */
    public Map<String, ScaleDecider.Decision> round() throws IOException {
        Instant now = clock.instant();
        Map<String, ScaleDecider.Decision> changes = new HashMap<>();
        for (RouteSnapshot.Route route : services.routes()) {
            boolean running = "RUNNING".equals(route.status());
            if (running && route.idleTimeoutSeconds() == null && route.instances() != null && route.instances() == 0) {
                // scale to zero was turned off (its tag removed) while the service was at zero
                int minSize = limitsOf(route).minSize();
                changes.put(route.serviceArn(), new ScaleDecider.Decision(minSize, "scale to zero is off", false));
                commands.accept(new ScaleService(route.serviceArn(), minSize,
                        "scale to zero is off (no runway:min-size=0 tag): back to MinSize " + minSize));
                continue;
            }
            if (!running || route.endpoints() == null || route.endpoints().isEmpty()) {
                lastLogged.remove(route.serviceArn());
                continue; // an operation is in charge, or nothing runs (a wake is the router's)
            }
            List<Observation> seen = windows.of(route.serviceArn(), now);
            if (seen.isEmpty()) {
                continue;
            }
            int current = route.desiredInstances();
            ScaleDecider.Decision decision = ScaleDecider.decide(seen, current, limitsOf(route), kpa, now);
            if (route.idleTimeoutSeconds() != null && current > 0) {
                decision = ScaleDecider.idle(seen, Duration.ofSeconds(route.idleTimeoutSeconds()), now)
                        .orElse(decision);
            }
            if (decision.desired() == current) {
                lastLogged.remove(route.serviceArn());
                continue;
            }
            String reason = decision.desired() == 0 ? decision.reason()
                    : (decision.panic() ? "panic: " : "stable: ") + decision.reason();
            changes.put(route.serviceArn(), decision);
            Integer before = lastLogged.put(route.serviceArn(), decision.desired());
            if (before == null || before != decision.desired()) {
                Log.infof("%s: %d → %d instance(s): %s", route.serviceName(), current, decision.desired(), reason);
            }
            commands.accept(new ScaleService(route.serviceArn(), decision.desired(), reason));
        }
        return changes;
    }

    private ScalingLimits limitsOf(RouteSnapshot.Route route) {
        return new ScalingLimits(
                route.maxConcurrency() != null ? route.maxConcurrency() : defaults.maxConcurrency(),
                route.minSize() != null ? route.minSize() : defaults.minSize(),
                route.maxSize() != null ? route.maxSize() : defaults.maxSize());
    }
}
