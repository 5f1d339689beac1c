package dev.runway.events.event;

import dev.runway.events.model.ImageSource;
import java.util.UUID;

/** A code service's revision was built from commit {@code commitSha}; it is deployed from {@code image}. */
public record SourceBuilt(String serviceArn, UUID operationId, int revision, String commitSha, ImageSource image)
        implements ServiceEvent {
}
