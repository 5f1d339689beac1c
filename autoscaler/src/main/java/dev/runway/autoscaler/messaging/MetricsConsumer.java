package dev.runway.autoscaler.messaging;

import dev.runway.events.Topics;
import dev.runway.events.wire.GroupConsumer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Joins the autoscaler group on {@code runway.metrics}. The router does not publish concurrency
 * figures yet and the scaling decider comes with its own issue, so records are only counted at
 * DEBUG; every service runs at its initial size meanwhile.
 */
@Readiness
@ApplicationScoped
public class MetricsConsumer implements HealthCheck {

    static final String GROUP = "autoscaler";

    private final GroupConsumer consumer;

    public MetricsConsumer(@ConfigProperty(name = "runway.kafka.bootstrap-servers") String bootstrap) {
        this.consumer = new GroupConsumer(bootstrap, GROUP, List.of(Topics.METRICS), this::handle);
    }

    void start(@Observes StartupEvent ignored) {
        consumer.start();
        Log.infof("autoscaler started, joining group %s on %s", GROUP, Topics.METRICS);
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        consumer.close();
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        Log.debugf("metrics record for %s (no scaling decisions yet)", record.key());
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("metrics-consumer").status(consumer.isJoined()).build();
    }
}
