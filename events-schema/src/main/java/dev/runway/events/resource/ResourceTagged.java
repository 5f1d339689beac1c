package dev.runway.events.resource;

import dev.runway.events.model.Tag;
import java.util.List;

/** Tags were added to a resource (a key given again takes the new value). */
public record ResourceTagged(String resourceArn, List<Tag> tags) implements ResourceEvent {

    public ResourceTagged {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    @Override
    public String streamId() {
        return ResourceEvent.tagsStream(resourceArn);
    }
}
