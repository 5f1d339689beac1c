package dev.runway.events.event;

import java.time.Instant;

/** The rule is gone; its name may be used again. */
public record EventRuleDeleted(String ruleArn, Instant deletedAt) implements EventRuleEvent {
}
