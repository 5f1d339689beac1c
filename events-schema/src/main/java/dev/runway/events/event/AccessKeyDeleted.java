package dev.runway.events.event;

import java.time.Instant;

/** The access key no longer signs anything; its secret was destroyed with it. Terminal for that key id. */
public record AccessKeyDeleted(String accountArn, String accessKeyId, Instant deletedAt) implements AccountEvent {
}
