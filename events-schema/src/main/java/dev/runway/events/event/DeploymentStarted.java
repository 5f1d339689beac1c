package dev.runway.events.event;

import java.util.UUID;

/** Revision {@code revision} of the service is being rolled out from {@code imageIdentifier}. */
public record DeploymentStarted(String serviceArn, UUID operationId, int revision, String imageIdentifier)
        implements ServiceEvent {
}
