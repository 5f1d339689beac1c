package dev.runway.events.resource;

import dev.runway.events.command.ResourceCommand;
import dev.runway.events.model.Tag;
import java.util.List;

/**
 * Add a revision to the auto scaling configuration {@code name}; the registry picks the revision.
 * Keyed by {@code nameArn} (the ARN without revision and id) so a name's creates stay in order.
 */
public record CreateAutoScalingConfiguration(String nameArn, String name, String configurationId, int maxConcurrency,
        int minSize, int maxSize, List<Tag> tags) implements ResourceCommand {

    public CreateAutoScalingConfiguration {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    @Override
    public String resourceArn() {
        return nameArn;
    }
}
