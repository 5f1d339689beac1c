package dev.runway.events.report;

import dev.runway.events.model.ImageSource;
import java.util.UUID;

/**
 * The build-worker built and pushed the revision's image.
 *
 * @param commitSha the commit the image was built from
 * @param image     what to run: the pushed image by digest, with the port, environment and secret
 *                  references the code configuration gave
 */
public record BuildSucceeded(String serviceArn, UUID operationId, int revision, String commitSha, ImageSource image)
        implements Report {
}
