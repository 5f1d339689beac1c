package dev.runway.events.resource;

import dev.runway.events.model.Tag;
import java.time.Instant;
import java.util.List;

/** A revision of an observability configuration exists; {@code traceVendor} is null without tracing. */
public record ObservabilityConfigurationCreated(String arn, String name, int revision, String traceVendor,
        List<Tag> tags, Instant createdAt) implements ResourceEvent {

    public ObservabilityConfigurationCreated {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    @Override
    public String resourceArn() {
        return arn;
    }
}
