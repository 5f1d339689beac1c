package dev.runway.events.command;

import dev.runway.events.model.ServiceConfiguration;
import java.util.UUID;

/**
 * Deploy the service with this configuration as a new revision; it becomes the service's
 * configuration only once the revision serves. The gateway merged the request into the current
 * configuration and validated the result.
 */
public record UpdateService(String serviceArn, UUID operationId, ServiceConfiguration configuration)
        implements Command {

    @Override
    public String resourceArn() {
        return serviceArn;
    }
}
