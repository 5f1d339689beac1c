package dev.runway.buildworker.messaging;

import dev.runway.buildworker.build.BuildJob;
import dev.runway.buildworker.config.BuildConfig;
import dev.runway.buildworker.log.DeploymentLogs;
import dev.runway.events.Envelope;
import dev.runway.events.Topics;
import dev.runway.events.build.BuildRevision;
import dev.runway.events.report.BuildFailed;
import dev.runway.events.report.Report;
import dev.runway.events.wire.EnvelopeCodec;
import dev.runway.events.wire.Failures;
import dev.runway.events.wire.GroupConsumer;
import dev.runway.events.wire.KafkaSettings;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Joins the build-worker group on {@code runway.build.commands} and runs each build to its end,
 * then reports on {@code runway.reports}. The offset is committed only after the report is sent:
 * a worker that dies mid-build gets the command again on restart (or another instance does) and
 * builds it from the start, so no build stays in progress forever.
 */
@Readiness
@ApplicationScoped
public class BuildCommandConsumer implements HealthCheck {

    static final String GROUP = "build-worker";
    static final String SOURCE = "build-worker";

    private final BuildConfig config;
    private final BuildJob job;
    private final DeploymentLogs logs;
    private final GroupConsumer consumer;
    private KafkaProducer<String, byte[]> producer;

    private final dev.runway.buildworker.autodeploy.BranchPoller poller;

    public BuildCommandConsumer(BuildConfig config, BuildJob job, DeploymentLogs logs,
            dev.runway.buildworker.autodeploy.BranchPoller poller) {
        this.config = config;
        this.poller = poller;
        this.job = job;
        this.logs = logs;
        // a build may hold its partition for minutes: the group must not think the worker dead
        this.consumer = new GroupConsumer(config.kafka().bootstrapServers(), GROUP, List.of(Topics.BUILD_COMMANDS),
                this::handle, config.build().timeout().plusMinutes(5));
    }

    void start(@Observes StartupEvent ignored) {
        producer = new KafkaProducer<>(KafkaSettings.producer(config.kafka().bootstrapServers(), "build-worker"));
        consumer.start();
        Log.infof("build-worker started, joining group %s on %s", GROUP, Topics.BUILD_COMMANDS);
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        consumer.close();
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        Envelope envelope = EnvelopeCodec.fromBytes(record.value());
        if (!(envelope.payload() instanceof BuildRevision build)) {
            // the group consumer dead-letters it
            throw new IllegalArgumentException(envelope.type() + " " + envelope.id() + " is not a build command");
        }
        Log.infof("building %s revision %d [%s]", build.serviceName(), build.revision(), build.operationId());
        DeploymentLogs.Stream log = logs.open(envelope, build.serviceArn(), build.serviceName(), build.serviceId(),
                build.operationId());
        Report report;
        try {
            report = job.run(build, log);
        } catch (RuntimeException e) {
            if (!Failures.isTransient(e)) {
                // the group consumer dead-letters the command; its operation must still end
                report(envelope, build, new BuildFailed(build.serviceArn(), build.operationId(), build.revision(),
                        "Runway could not run this build: " + Failures.rootMessage(e)));
            }
            throw e;
        }
        if (report instanceof dev.runway.events.report.BuildSucceeded ok) {
            poller.built(build.serviceArn(), ok.commitSha());
        }
        report(envelope, build, report);
    }

    /** Sends the build's report, trying until Kafka has it: the offset is committed after this. */
    private void report(Envelope envelope, BuildRevision build, Report report) {
        Envelope out = Envelope.causedBy(envelope, SOURCE, report);
        for (int attempt = 1; ; attempt++) {
            try {
                producer.send(new ProducerRecord<>(Topics.REPORTS, out.resourceArn(), EnvelopeCodec.toBytes(out)))
                        .get(30, TimeUnit.SECONDS);
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                Log.warnf("could not report the build of %s (attempt %d), retrying: %s", build.serviceName(), attempt,
                        e.getMessage());
                sleep(Math.min(10_000, 1000L * attempt));
            }
        }
        Log.infof("reported %s for %s revision %d [%s]", out.type(), build.serviceName(), build.revision(),
                build.operationId());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("build-commands-consumer").status(consumer.isJoined()).build();
    }
}
