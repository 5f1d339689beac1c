package dev.runway.events.report;

import java.util.UUID;

/** Every container of the service is stopped and removed. */
public record InstancesStopped(String serviceArn, UUID operationId) implements Report {
}
