package dev.runway.events.resource;

import dev.runway.events.command.ResourceCommand;
import dev.runway.events.model.Tag;
import java.util.List;

/** Add or overwrite tags on any resource the registry knows. */
public record TagResource(String resourceArn, List<Tag> tags) implements ResourceCommand {

    public TagResource {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
