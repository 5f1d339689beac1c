package dev.runway.events.resource;

import dev.runway.events.command.ResourceCommand;
import java.util.List;

/** Remove tags from any resource the registry knows; keys it does not have are ignored. */
public record UntagResource(String resourceArn, List<String> keys) implements ResourceCommand {

    public UntagResource {
        keys = keys == null ? List.of() : List.copyOf(keys);
    }
}
