package dev.runway.events.event;

import dev.runway.events.Message;

/** A fact about a service, appended to its stream by the service-registry and published on {@code runway.events}. */
public sealed interface ServiceEvent extends Message permits ServiceCreated, OperationStarted, ServiceStatusChanged,
        DeploymentStarted, RevisionActivated, DeploymentFailed, OperationSucceeded, OperationFailed,
        ServiceInstancesStopped, ServiceDeleted, ServiceConfigurationChanged,
        InstancesReplaced, SourceBuilt, ServiceScaled, ServiceScalingLimitsChanged,
        TrafficShiftStarted, TrafficRevisionReady, TrafficShifted, RolloutStarted, RolloutStepped,
        RolloutRolledBack {

    String serviceArn();

    @Override
    default String resourceArn() {
        return serviceArn();
    }
}
