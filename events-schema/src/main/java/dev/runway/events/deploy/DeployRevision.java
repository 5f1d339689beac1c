package dev.runway.events.deploy;

import dev.runway.events.model.HealthCheck;
import dev.runway.events.model.ImageSource;
import dev.runway.events.model.InstanceSize;
import java.util.UUID;

/** Run {@code instances} healthy instances of this revision and report where they listen. */
public record DeployRevision(
        String serviceArn,
        String serviceName,
        UUID operationId,
        int revision,
        ImageSource image,
        InstanceSize instance,
        HealthCheck healthCheck,
        int instances) implements DeployCommand {
}
