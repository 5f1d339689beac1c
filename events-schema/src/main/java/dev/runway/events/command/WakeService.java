package dev.runway.events.command;

/**
 * The router holds requests for a service that has scaled to zero and asks for at least
 * {@code instances} instances of its active revision at once (the held requests over
 * MaxConcurrency). Not an App Runner operation and never a scale-down: the registry records a
 * {@code ServiceScaled} only when the service runs fewer, answers nothing, and refuses it quietly
 * while the service is not RUNNING or busy (the router asks again while it holds requests).
 */
public record WakeService(String serviceArn, int instances, String reason) implements Command {

    @Override
    public String resourceArn() {
        return serviceArn;
    }
}
