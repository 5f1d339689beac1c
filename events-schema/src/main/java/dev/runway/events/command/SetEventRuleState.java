package dev.runway.events.command;

/** EnableRule / DisableRule: {@code state} is ENABLED or DISABLED. */
public record SetEventRuleState(String ruleArn, String state) implements Command {

    @Override
    public String resourceArn() {
        return ruleArn;
    }
}
