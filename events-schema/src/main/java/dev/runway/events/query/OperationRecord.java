package dev.runway.events.query;

import java.time.Instant;
import java.util.UUID;

/** One operation on a service, from the registry's projection ({@code GET /internal/operations}). */
public record OperationRecord(
        UUID operationId,
        String serviceArn,
        String type,
        String status,
        String statusMessage,
        Instant startedAt,
        Instant endedAt,
        Instant updatedAt) {
}
