package dev.runway.events.resource;

import java.time.Instant;

/** The revision is INACTIVE: described still, listed and used no more. */
public record AutoScalingConfigurationDeleted(String arn, Instant deletedAt) implements ResourceEvent {

    @Override
    public String resourceArn() {
        return arn;
    }
}
