package dev.runway.events.command;

import dev.runway.events.model.RolloutFigures;
import java.util.List;
import java.util.UUID;

/**
 * The autoscaler's decision that a gradual rollout's new revision does worse than the old one by
 * more than the margins: every request goes back to the old revision and the rollout ends rolled
 * back. {@code reason} and {@code figures} are what it was decided on.
 *
 * @param operationId the rollout's operation: a decision about an older rollout is refused
 */
public record RollBackRollout(String serviceArn, UUID operationId, int revision, String reason,
        List<RolloutFigures> figures) implements Command {

    public RollBackRollout {
        figures = figures == null ? List.of() : List.copyOf(figures);
    }

    @Override
    public String resourceArn() {
        return serviceArn;
    }
}
