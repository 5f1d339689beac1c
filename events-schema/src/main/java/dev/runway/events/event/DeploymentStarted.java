package dev.runway.events.event;

import dev.runway.events.model.ServiceConfiguration;
import java.util.UUID;

/**
 * Revision {@code revision} of the service is being rolled out from {@code imageIdentifier}.
 *
 * @param configuration what the revision runs with; null in events written before updates
 *                      existed, meaning the service's configuration at the time
 */
public record DeploymentStarted(String serviceArn, UUID operationId, int revision, String imageIdentifier,
        ServiceConfiguration configuration) implements ServiceEvent {
}
