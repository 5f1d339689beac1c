package dev.runway.events.report;

import java.util.UUID;

/**
 * The revision could not be built; {@code reason} says why in words a user can act on and ends with
 * the last lines of the build log.
 */
public record BuildFailed(String serviceArn, UUID operationId, int revision, String reason) implements Report {
}
