package dev.runway.registry.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once commands and reports are being consumed (the datasource has its own check). */
@Readiness
@ApplicationScoped
public class ConsumerReadiness implements HealthCheck {

    private final RegistryConsumer consumer;

    public ConsumerReadiness(RegistryConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("kafka-consumer").status(consumer.isPolling()).build();
    }
}
