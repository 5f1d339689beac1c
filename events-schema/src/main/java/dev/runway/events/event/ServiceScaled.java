package dev.runway.events.event;

/**
 * The service's active revision is to run {@code toInstances} instead of {@code fromInstances}
 * instances, and why (the autoscaler's reason, or why a scale-up could not be completed).
 */
public record ServiceScaled(String serviceArn, int revision, int fromInstances, int toInstances, String reason)
        implements ServiceEvent {
}
