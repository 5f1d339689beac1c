package dev.runway.events.event;

import dev.runway.events.model.RolloutFigures;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A gradual rollout's new revision did worse than {@code toRevision}, which takes every request
 * again (the {@link TrafficShifted} beside it); {@code reason} and {@code figures} are what the
 * decision was made on. The operation ends ROLLBACK_SUCCEEDED.
 */
public record RolloutRolledBack(String serviceArn, UUID operationId, int revision, int toRevision, String reason,
        List<RolloutFigures> figures, Instant at) implements ServiceEvent {

    public RolloutRolledBack {
        figures = figures == null ? List.of() : List.copyOf(figures);
    }
}
