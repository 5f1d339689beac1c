package dev.runway.events.report;

import java.util.List;
import java.util.UUID;

/**
 * The deploy-worker's reconciler found instances of a revision that runs beside the active one
 * under a traffic split missing or dead. It does not replace them itself (the revision's
 * configuration is the registry's to give): the registry takes them out of the split and has the
 * revision started again. Outside any operation, so {@code operationId} is null.
 */
public record RevisionInstancesLost(String serviceArn, UUID operationId, int revision, List<String> instanceIds,
        String reason) implements Report {

    public RevisionInstancesLost {
        instanceIds = List.copyOf(instanceIds);
    }
}
