package dev.runway.events.query;

import dev.runway.events.model.EventTarget;
import java.util.List;

/**
 * Every live event rule with its targets, as of {@code position} (the global position of the
 * last rule event the registry applied): a reader whose copy has the same position is current.
 */
public record EventRuleSnapshot(long position, List<Rule> rules) {

    public EventRuleSnapshot {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** One rule on the default bus. */
    public record Rule(String ruleArn, String name, String eventPattern, String state, String description,
            List<EventTarget> targets) {

        public Rule {
            targets = targets == null ? List.of() : List.copyOf(targets);
        }

        public boolean enabled() {
            return "ENABLED".equals(state);
        }
    }
}
