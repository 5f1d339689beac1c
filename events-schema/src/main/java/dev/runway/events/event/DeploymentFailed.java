package dev.runway.events.event;

import java.util.UUID;

/** Revision {@code revision} could not be brought up; it never received traffic. */
public record DeploymentFailed(String serviceArn, UUID operationId, int revision, String reason)
        implements ServiceEvent {
}
