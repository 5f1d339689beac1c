package dev.runway.events.report;

import dev.runway.events.Message;

/** What a worker observed, on {@code runway.reports}, for the service-registry to decide on. */
public sealed interface Report extends Message permits RevisionDeployed, RevisionDeployFailed, InstancesStopped,
        InstancesStopFailed, InstancesRestored, RevisionsRetired, BuildSucceeded, BuildFailed, RevisionScaled,
        RevisionInstancesLost {

    String serviceArn();

    /** The operation whose work this reports on; null for repairs outside any operation. */
    java.util.UUID operationId();

    @Override
    default String resourceArn() {
        return serviceArn();
    }
}
