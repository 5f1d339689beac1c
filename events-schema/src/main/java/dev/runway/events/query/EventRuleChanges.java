package dev.runway.events.query;

import java.util.List;

/**
 * The rule events after a position, oldest first, so a reader keeps its copy of the rules current
 * one change at a time instead of re-reading all of them (see {@link EventRuleSnapshot}).
 */
public record EventRuleChanges(List<Change> changes) {

    public EventRuleChanges {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /** One rule event: the rule as it now is, or {@code rule == null} when it was deleted. */
    public record Change(long position, String ruleArn, EventRuleSnapshot.Rule rule) {
    }
}
