package dev.runway.events.deploy;

import java.util.UUID;

/**
 * Stop and remove every instance of the service.
 *
 * @param removeImage when deleting: the service's image, whose local copy goes too unless another
 *                    container still uses it; null when pausing (the image is needed to resume)
 */
public record StopService(String serviceArn, UUID operationId, String removeImage) implements DeployCommand {

    /** Stops the instances and keeps the image (pause, orphan clean-up). */
    public StopService(String serviceArn, UUID operationId) {
        this(serviceArn, operationId, null);
    }
}
