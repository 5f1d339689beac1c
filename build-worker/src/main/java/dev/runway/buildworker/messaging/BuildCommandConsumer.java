package dev.runway.buildworker.messaging;

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
 * Joins the build-worker group on {@code runway.build.commands}. Nothing asks for builds yet:
 * source-code services (clone, apprunner.yaml, image build) arrive with their own issue, and the
 * gateway refuses CodeRepository sources until then, so a message here is unexpected and logged.
 */
@Readiness
@ApplicationScoped
public class BuildCommandConsumer implements HealthCheck {

    static final String GROUP = "build-worker";

    private final GroupConsumer consumer;

    public BuildCommandConsumer(@ConfigProperty(name = "runway.kafka.bootstrap-servers") String bootstrap) {
        this.consumer = new GroupConsumer(bootstrap, GROUP, List.of(Topics.BUILD_COMMANDS), this::handle);
    }

    void start(@Observes StartupEvent ignored) {
        consumer.start();
        Log.infof("build-worker started, joining group %s on %s", GROUP, Topics.BUILD_COMMANDS);
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        consumer.close();
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        Log.warnf("build-worker cannot build yet; skipping message for %s at %s-%d@%d", record.key(), record.topic(),
                record.partition(), record.offset());
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("build-commands-consumer").status(consumer.isJoined()).build();
    }
}
