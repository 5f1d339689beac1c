package dev.runway.events.event;

import java.time.Instant;

/** The service is gone; its name may be used again. Terminal. */
public record ServiceDeleted(String serviceArn, Instant deletedAt) implements ServiceEvent {
}
