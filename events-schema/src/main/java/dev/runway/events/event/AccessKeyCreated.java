package dev.runway.events.event;

import java.time.Instant;

/** An access key now signs API requests. Its secret lives only in the registry's encrypted key table. */
public record AccessKeyCreated(String accountArn, String accessKeyId, String userName, Instant createdAt)
        implements AccountEvent {
}
