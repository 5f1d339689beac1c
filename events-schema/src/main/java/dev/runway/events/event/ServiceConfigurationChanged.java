package dev.runway.events.event;

import dev.runway.events.model.ServiceConfiguration;
import java.util.UUID;

/** An update's revision serves: its configuration is now the service's. */
public record ServiceConfigurationChanged(String serviceArn, UUID operationId, ServiceConfiguration configuration)
        implements ServiceEvent {
}
