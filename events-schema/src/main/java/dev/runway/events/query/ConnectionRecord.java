package dev.runway.events.query;

import dev.runway.events.model.Tag;
import java.time.Instant;
import java.util.List;

/** One connection from the registry's projection ({@code GET /internal/connections}). */
public record ConnectionRecord(String connectionArn, String connectionName, String providerType, String status,
        List<Tag> tags, Instant createdAt) {
}
