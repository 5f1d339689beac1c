package dev.runway.events.resource;

import java.time.Instant;

/** The connection is DELETED. */
public record VpcIngressConnectionDeleted(String arn, Instant deletedAt) implements ResourceEvent {

    @Override
    public String resourceArn() {
        return arn;
    }
}
