package dev.runway.events.command;

import dev.runway.events.model.RolloutFigures;
import java.util.List;
import java.util.UUID;

/**
 * The autoscaler's decision that a gradual rollout's new revision does no worse than the old one
 * over the step: it takes {@code percent} % of the requests (100: the rollout ends, it becomes the
 * active revision). Sent again while the decision stands; a step already taken changes nothing.
 *
 * @param operationId the rollout's operation: a decision about an older rollout is refused
 */
public record AdvanceRollout(String serviceArn, UUID operationId, int revision, int percent, String reason,
        List<RolloutFigures> figures) implements Command {

    public AdvanceRollout {
        figures = figures == null ? List.of() : List.copyOf(figures);
    }

    @Override
    public String resourceArn() {
        return serviceArn;
    }
}
