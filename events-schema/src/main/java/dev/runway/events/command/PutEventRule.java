package dev.runway.events.command;

/** Create or replace an event rule on the default bus (EventBridge PutRule); targets are kept. */
public record PutEventRule(String ruleArn, String name, String eventPattern, String state, String description)
        implements Command {

    @Override
    public String resourceArn() {
        return ruleArn;
    }
}
