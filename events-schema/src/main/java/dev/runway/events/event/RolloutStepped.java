package dev.runway.events.event;

import java.time.Instant;
import java.util.UUID;

/**
 * A gradual rollout's new revision takes {@code percent} % of the requests from {@code at} (the
 * {@link TrafficShifted} beside it carries the split); {@code reason} says why, with the figures the
 * step was decided on.
 */
public record RolloutStepped(String serviceArn, UUID operationId, int revision, int percent, String reason,
        Instant at) implements ServiceEvent {
}
