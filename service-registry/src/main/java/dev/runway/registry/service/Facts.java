package dev.runway.registry.service;

import dev.runway.events.model.AutoScalingLimits;
import dev.runway.events.model.RolloutPlan;
import dev.runway.events.model.ScaleToZero;
import java.time.Instant;
import java.util.Map;

/**
 * What a decision needs to know beyond the service's own stream, looked up before deciding so the
 * decider stays pure.
 *
 * @param now        the clock's reading
 * @param nameInUse  whether another live service already has the requested name
 * @param serviceUrl the URL a new service would get
 * @param limits     the auto scaling limits of the configuration the command runs with (the
 *                   command's own for create and update, else the service's)
 * @param scaleToZero the service's scale-to-zero setting (its Runway tags); null when it has none
 * @param revisions  each revision's status as Runway.ListRevisions shows it (SERVING, KEPT, …), for
 *                   a traffic change; empty for other commands
 * @param rollout    the service's gradual-rollout plan (its Runway tags) for a deployment; null when
 *                   an update takes all the traffic at once
 */
public record Facts(Instant now, boolean nameInUse, String serviceUrl, AutoScalingLimits limits,
        ScaleToZero scaleToZero, Map<Integer, String> revisions, RolloutPlan rollout) {

    public Facts {
        limits = limits == null ? AutoScalingLimits.DEFAULT : limits;
        revisions = revisions == null ? Map.of() : Map.copyOf(revisions);
    }

    public Facts(Instant now, boolean nameInUse, String serviceUrl, AutoScalingLimits limits,
            ScaleToZero scaleToZero, Map<Integer, String> revisions) {
        this(now, nameInUse, serviceUrl, limits, scaleToZero, revisions, null);
    }

    public Facts(Instant now, boolean nameInUse, String serviceUrl, AutoScalingLimits limits,
            ScaleToZero scaleToZero) {
        this(now, nameInUse, serviceUrl, limits, scaleToZero, Map.of());
    }

    /** Facts for a service that does not scale to zero. */
    public Facts(Instant now, boolean nameInUse, String serviceUrl, AutoScalingLimits limits) {
        this(now, nameInUse, serviceUrl, limits, null);
    }

    /** Facts under App Runner's default auto scaling limits. */
    public Facts(Instant now, boolean nameInUse, String serviceUrl) {
        this(now, nameInUse, serviceUrl, AutoScalingLimits.DEFAULT);
    }
}
