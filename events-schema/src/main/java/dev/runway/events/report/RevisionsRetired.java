package dev.runway.events.report;

import java.util.UUID;

/** Only {@code keepRevision}'s instances of the service are left. */
public record RevisionsRetired(String serviceArn, UUID operationId, int keepRevision) implements Report {
}
