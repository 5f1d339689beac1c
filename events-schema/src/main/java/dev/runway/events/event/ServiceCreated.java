package dev.runway.events.event;

import dev.runway.events.model.ServiceConfiguration;
import dev.runway.events.model.Tag;
import java.time.Instant;
import java.util.List;

/** A service exists, with its name, generated URL and configuration. */
public record ServiceCreated(
        String serviceArn,
        String serviceId,
        String serviceName,
        String serviceUrl,
        ServiceConfiguration configuration,
        List<Tag> tags,
        Instant createdAt) implements ServiceEvent {

    public ServiceCreated {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
