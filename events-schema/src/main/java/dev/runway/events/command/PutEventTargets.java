package dev.runway.events.command;

import dev.runway.events.model.EventTarget;
import java.util.List;

/** Add or replace (by id) targets of a rule (EventBridge PutTargets). */
public record PutEventTargets(String ruleArn, List<EventTarget> targets) implements Command {

    public PutEventTargets {
        targets = List.copyOf(targets);
    }

    @Override
    public String resourceArn() {
        return ruleArn;
    }
}
