package dev.runway.events.event;

import dev.runway.events.model.ServiceStatus;

/** The service's status moved; {@code message} says why in words a user can act on. */
public record ServiceStatusChanged(String serviceArn, ServiceStatus previousStatus, ServiceStatus currentStatus,
        String message) implements ServiceEvent {
}
