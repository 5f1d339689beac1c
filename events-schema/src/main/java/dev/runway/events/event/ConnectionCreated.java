package dev.runway.events.event;

import dev.runway.events.model.Tag;
import java.time.Instant;
import java.util.List;

/** A connection exists, PENDING_HANDSHAKE until its credentials arrive. */
public record ConnectionCreated(String connectionArn, String connectionName, String providerType, List<Tag> tags,
        Instant createdAt) implements ConnectionEvent {

    public ConnectionCreated {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
