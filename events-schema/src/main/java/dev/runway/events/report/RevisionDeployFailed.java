package dev.runway.events.report;

import java.util.UUID;

/** The revision could not be brought up; its containers are already removed. */
public record RevisionDeployFailed(String serviceArn, UUID operationId, int revision, String reason)
        implements Report {
}
