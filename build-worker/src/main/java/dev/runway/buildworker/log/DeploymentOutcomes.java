package dev.runway.buildworker.log;

import dev.runway.buildworker.config.BuildConfig;
import dev.runway.events.Envelope;
import dev.runway.events.Topics;
import dev.runway.events.event.DeploymentFailed;
import dev.runway.events.event.RevisionActivated;
import dev.runway.events.wire.EnvelopeCodec;
import dev.runway.events.wire.GroupConsumer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Ends a code deployment's log with how its rollout went, from {@code runway.events}: the revision
 * serves, or why it does not (a start command that exits, a failing health check). The log then
 * tells the whole deployment, build and rollout.
 */
@ApplicationScoped
public class DeploymentOutcomes {

    private final DeploymentLogs logs;
    private final GroupConsumer consumer;

    public DeploymentOutcomes(BuildConfig config, DeploymentLogs logs) {
        this.logs = logs;
        this.consumer = new GroupConsumer(config.kafka().bootstrapServers(), "build-worker-deployment-logs",
                List.of(Topics.EVENTS), this::handle);
    }

    void start(@Observes StartupEvent ignored) {
        consumer.start();
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        consumer.close();
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        // an unreadable record throws, and the group consumer dead-letters it
        Envelope e = EnvelopeCodec.fromBytes(record.value());
        if (e.payload() instanceof DeploymentFailed f) {
            logs.reopen(e, f.serviceArn(), f.operationId()).ifPresent(log -> {
                if (!f.reason().startsWith("Build failed")) {
                    log.platform("Deployment failed: revision " + f.revision() + " did not become healthy: "
                            + f.reason());
                }
            });
        } else if (e.payload() instanceof RevisionActivated a && a.operationId() != null) {
            logs.reopen(e, a.serviceArn(), a.operationId()).ifPresent(log -> log.platform("Revision " + a.revision()
                    + " is healthy and serves the service's traffic (" + a.endpoints().size() + " instance(s))."));
        }
    }
}
