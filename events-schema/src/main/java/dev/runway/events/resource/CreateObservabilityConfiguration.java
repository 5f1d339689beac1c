package dev.runway.events.resource;

import dev.runway.events.command.ResourceCommand;
import dev.runway.events.model.Tag;
import java.util.List;

/** Add a revision to the observability configuration {@code name}; {@code traceVendor} may be null. */
public record CreateObservabilityConfiguration(String nameArn, String name, String configurationId,
        String traceVendor, List<Tag> tags) implements ResourceCommand {

    public CreateObservabilityConfiguration {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    @Override
    public String resourceArn() {
        return nameArn;
    }
}
