package dev.runway.events.event;

import dev.runway.events.model.AutoScalingLimits;

/**
 * The service now scales within the limits of this auto scaling configuration revision: at
 * creation, and when a deployment that changed the configuration succeeds. The router takes
 * MaxConcurrency and MaxSize from it, the autoscaler all three.
 */
public record ServiceScalingLimitsChanged(String serviceArn, String autoScalingConfigurationArn,
        AutoScalingLimits limits) implements ServiceEvent {
}
