package dev.runway.events.event;

import dev.runway.events.model.EventTarget;
import java.time.Instant;
import java.util.List;

/** The rule now is exactly this: pattern, state, description and targets (one fact per change). */
public record EventRuleChanged(String ruleArn, String name, String eventPattern, String state, String description,
        List<EventTarget> targets, Instant changedAt) implements EventRuleEvent {

    public EventRuleChanged {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }
}
