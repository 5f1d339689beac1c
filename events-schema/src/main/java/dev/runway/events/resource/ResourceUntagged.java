package dev.runway.events.resource;

import java.util.List;

/** Tags were removed from a resource. */
public record ResourceUntagged(String resourceArn, List<String> keys) implements ResourceEvent {

    public ResourceUntagged {
        keys = keys == null ? List.of() : List.copyOf(keys);
    }

    @Override
    public String streamId() {
        return ResourceEvent.tagsStream(resourceArn);
    }
}
