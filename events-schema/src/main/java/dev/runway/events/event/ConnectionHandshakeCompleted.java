package dev.runway.events.event;

import java.time.Instant;

/** The connection has credentials (stored sealed, outside the event log): it is AVAILABLE. */
public record ConnectionHandshakeCompleted(String connectionArn, Instant completedAt) implements ConnectionEvent {
}
