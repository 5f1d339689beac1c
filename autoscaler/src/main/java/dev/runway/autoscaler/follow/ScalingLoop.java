package dev.runway.autoscaler.follow;

import dev.runway.autoscaler.decide.KpaSettings;
import dev.runway.autoscaler.decide.Observation;
import dev.runway.autoscaler.decide.ScaleDecider;
import dev.runway.autoscaler.decide.ScalingLimits;
import dev.runway.autoscaler.decide.ServiceWindows;
import io.quarkus.logging.Log;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Once a period, decides each service's instance count from its figures. Scaling commands need the
 * registry and the deploy-worker to act on them (a later step); until then each decision that
 * differs from the instances serving is logged at INFO, once per change.
 */
public final class ScalingLoop {

    private final ServiceWindows windows;
    private final ScalingLimits limits;
    private final KpaSettings kpa;
    private final Clock clock;
    private final Map<String, Integer> lastLogged = new ConcurrentHashMap<>();

    public ScalingLoop(ServiceWindows windows, ScalingLimits limits, KpaSettings kpa, Clock clock) {
        this.windows = windows;
        this.limits = limits;
        this.kpa = kpa;
        this.clock = clock;
    }

    /** One round over every service with figures; returns the decisions that ask for a change. */
    public Map<String, ScaleDecider.Decision> round() {
        Instant now = clock.instant();
        Map<String, ScaleDecider.Decision> changes = new java.util.HashMap<>();
        for (String arn : windows.services(now)) {
            List<Observation> seen = windows.of(arn, now);
            if (seen.isEmpty()) {
                continue;
            }
            int serving = seen.get(seen.size() - 1).instances();
            ScaleDecider.Decision decision = ScaleDecider.decide(seen, serving, limits, kpa, now);
            if (decision.desired() != serving) {
                changes.put(arn, decision);
                Integer before = lastLogged.put(arn, decision.desired());
                if (before == null || before != decision.desired()) {
                    Log.infof("%s should have %d instance(s) instead of %d: %s", arn, decision.desired(), serving,
                            decision.reason());
                }
            } else {
                lastLogged.remove(arn);
            }
        }
        return changes;
    }
}
