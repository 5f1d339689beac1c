package dev.runway.events.event;

import dev.runway.events.model.OperationType;
import java.time.Instant;
import java.util.UUID;

/** The operation ended without doing what was asked; {@code reason} says why. */
public record OperationFailed(String serviceArn, UUID operationId, OperationType operationType, String reason,
        Instant endedAt) implements ServiceEvent {
}
