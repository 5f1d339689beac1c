package dev.runway.registry.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once commands and reports are being consumed (the datasource has its own check); not
 * ready while one message has failed five times in a row with a failure that may pass (the
 * event store is away), so a retrying registry shows in {@code ./runway status}.
 */
@Readiness
@ApplicationScoped
public class ConsumerReadiness implements HealthCheck {

    private final RegistryConsumer consumer;

    public ConsumerReadiness(RegistryConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("kafka-consumer").status(consumer.isPolling() && !consumer.isRetryingLong())
                .withData("retrying", consumer.isRetrying()).build();
    }
}
