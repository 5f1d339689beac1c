package dev.runway.events.command;

import java.util.List;

/** Remove targets of a rule by id (EventBridge RemoveTargets); unknown ids are ignored. */
public record RemoveEventTargets(String ruleArn, List<String> targetIds) implements Command {

    public RemoveEventTargets {
        targetIds = List.copyOf(targetIds);
    }

    @Override
    public String resourceArn() {
        return ruleArn;
    }
}
