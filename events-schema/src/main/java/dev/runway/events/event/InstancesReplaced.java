package dev.runway.events.event;

/**
 * Instances of the serving revision were replaced outside any operation (they died, went
 * missing, or failed their health checks); {@code reason} says which and why.
 */
public record InstancesReplaced(String serviceArn, int revision, String reason) implements ServiceEvent {
}
