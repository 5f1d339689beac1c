package dev.runway.events.event;

import dev.runway.events.model.OperationType;
import java.time.Instant;
import java.util.UUID;

/** An asynchronous operation on the service began. */
public record OperationStarted(String serviceArn, UUID operationId, OperationType operationType, Instant startedAt)
        implements ServiceEvent {
}
