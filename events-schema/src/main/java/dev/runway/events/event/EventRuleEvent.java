package dev.runway.events.event;

import dev.runway.events.Message;

/** A fact about an event rule (stream: the rule's ARN), published on {@code runway.events}. */
public sealed interface EventRuleEvent extends Message permits EventRuleChanged, EventRuleDeleted {

    String ruleArn();

    @Override
    default String resourceArn() {
        return ruleArn();
    }
}
