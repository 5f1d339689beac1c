package dev.runway.events.resource;

import dev.runway.events.model.Tag;
import java.time.Instant;
import java.util.List;

/** A revision of an auto scaling configuration exists ({@code arn} ends in name/revision/id). */
public record AutoScalingConfigurationCreated(String arn, String name, int revision, int maxConcurrency,
        int minSize, int maxSize, List<Tag> tags, Instant createdAt) implements ResourceEvent {

    public AutoScalingConfigurationCreated {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    @Override
    public String resourceArn() {
        return arn;
    }
}
