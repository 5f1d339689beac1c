package dev.runway.events.deploy;

import java.util.List;
import java.util.UUID;

/**
 * Traffic has moved to {@code keepRevision} (and, under a traffic split, also to {@code alsoKeep}):
 * after the drain time, stop and remove every other revision's instances of the service.
 */
public record RetireRevisions(String serviceArn, UUID operationId, int keepRevision, List<Integer> alsoKeep)
        implements DeployCommand {

    public RetireRevisions {
        alsoKeep = alsoKeep == null ? List.of() : List.copyOf(alsoKeep);
    }

    /** Only {@code keepRevision} stays: every deployment's retirement. */
    public RetireRevisions(String serviceArn, UUID operationId, int keepRevision) {
        this(serviceArn, operationId, keepRevision, List.of());
    }

    /** Whether instances of {@code revision} stay. */
    public boolean keeps(int revision) {
        return revision == keepRevision || alsoKeep.contains(revision);
    }
}
