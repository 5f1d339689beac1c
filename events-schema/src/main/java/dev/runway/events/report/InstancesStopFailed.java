package dev.runway.events.report;

import java.util.UUID;

/** Some containers of the service could not be removed. */
public record InstancesStopFailed(String serviceArn, UUID operationId, String reason) implements Report {
}
