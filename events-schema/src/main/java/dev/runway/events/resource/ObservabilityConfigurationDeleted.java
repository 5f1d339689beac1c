package dev.runway.events.resource;

import java.time.Instant;

/** The revision is INACTIVE. */
public record ObservabilityConfigurationDeleted(String arn, Instant deletedAt) implements ResourceEvent {

    @Override
    public String resourceArn() {
        return arn;
    }
}
