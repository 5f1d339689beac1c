package dev.runway.events.event;

import java.util.UUID;

/** Every instance of the service is stopped and removed; it no longer receives traffic. */
public record ServiceInstancesStopped(String serviceArn, UUID operationId) implements ServiceEvent {
}
