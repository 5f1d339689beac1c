package dev.runway.gateway.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the registry's verdicts can be received. */
@Readiness
@ApplicationScoped
public class ReplyListenerReadiness implements HealthCheck {

    private final CommandBus bus;

    public ReplyListenerReadiness(CommandBus bus) {
        this.bus = bus;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("registry-replies").status(bus.isListening()).build();
    }
}
