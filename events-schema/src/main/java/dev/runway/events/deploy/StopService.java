package dev.runway.events.deploy;

import java.util.UUID;

/** Stop and remove every instance of the service. */
public record StopService(String serviceArn, UUID operationId) implements DeployCommand {
}
