package dev.runway.events.event;

import java.time.Instant;

/** The connection is gone, with its credentials. Terminal. */
public record ConnectionDeleted(String connectionArn, Instant deletedAt) implements ConnectionEvent {
}
