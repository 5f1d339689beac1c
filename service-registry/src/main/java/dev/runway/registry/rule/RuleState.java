package dev.runway.registry.rule;

import dev.runway.events.event.EventRuleChanged;
import java.util.List;

/** An event rule as its stream says it is now: {@code current} is null when it does not exist. */
public record RuleState(long version, EventRuleChanged current) {

    public static RuleState initial() {
        return new RuleState(0, null);
    }

    public boolean exists() {
        return current != null;
    }

    public int targetCount() {
        return current == null ? 0 : current.targets().size();
    }

    static List<String> ids(EventRuleChanged rule) {
        return rule.targets().stream().map(t -> t.id()).toList();
    }
}
