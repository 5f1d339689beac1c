package dev.runway.events.event;

import dev.runway.events.model.OperationType;
import java.time.Instant;
import java.util.UUID;

/** The operation finished as asked. */
public record OperationSucceeded(String serviceArn, UUID operationId, OperationType operationType, Instant endedAt)
        implements ServiceEvent {
}
