package dev.runway.events.resource;

import java.time.Instant;

/** The connector is INACTIVE. */
public record VpcConnectorDeleted(String arn, Instant deletedAt) implements ResourceEvent {

    @Override
    public String resourceArn() {
        return arn;
    }
}
