package dev.runway.events.event;

import java.util.List;
import java.util.UUID;

/**
 * The deployment of {@code revision} rolls out gradually (the service's {@code runway:rollout}
 * tags when it started): once healthy it takes {@code steps[0]} % of the requests and
 * {@code fromRevision}, the one serving now, the rest; each later step follows a decision that the
 * new revision does no worse ({@link RolloutStepped}).
 */
public record RolloutStarted(String serviceArn, UUID operationId, int revision, int fromRevision,
        List<Integer> steps, int intervalSeconds) implements ServiceEvent {

    public RolloutStarted {
        steps = List.copyOf(steps);
    }
}
