package dev.runway.events.build;

import dev.runway.events.model.CodeSource;
import java.util.UUID;

/**
 * Build revision {@code revision} of a source-code service from the head of its branch, push the
 * image to the platform registry, and report {@code BuildSucceeded} or {@code BuildFailed}.
 */
public record BuildRevision(
        String serviceArn,
        String serviceName,
        String serviceId,
        UUID operationId,
        int revision,
        CodeSource code) implements BuildCommand {
}
