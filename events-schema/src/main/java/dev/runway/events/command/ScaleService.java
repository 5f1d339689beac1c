package dev.runway.events.command;

/**
 * The autoscaler asks for {@code desiredInstances} instances of the service's active revision;
 * {@code reason} says why (stable or burst, the observed concurrency). Not an App Runner operation:
 * the registry refuses it quietly while the service is not RUNNING or busy, and clamps it to the
 * service's [MinSize, MaxSize].
 */
public record ScaleService(String serviceArn, int desiredInstances, String reason) implements Command {

    @Override
    public String resourceArn() {
        return serviceArn;
    }
}
