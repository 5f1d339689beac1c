package dev.runway.events.command;

/** Delete an event rule; refused while it still has targets (as EventBridge does). */
public record DeleteEventRule(String ruleArn) implements Command {

    @Override
    public String resourceArn() {
        return ruleArn;
    }
}
