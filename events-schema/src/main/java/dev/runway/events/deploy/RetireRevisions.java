package dev.runway.events.deploy;

import java.util.UUID;

/**
 * Traffic has moved to {@code keepRevision}: after the drain time, stop and remove every other
 * revision's instances of the service.
 */
public record RetireRevisions(String serviceArn, UUID operationId, int keepRevision) implements DeployCommand {
}
