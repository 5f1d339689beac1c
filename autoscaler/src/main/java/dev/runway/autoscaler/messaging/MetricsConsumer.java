package dev.runway.autoscaler.messaging;

import dev.runway.autoscaler.decide.KpaSettings;
import dev.runway.autoscaler.decide.ScalingLimits;
import dev.runway.autoscaler.decide.ServiceWindows;
import dev.runway.autoscaler.decide.RolloutDecider;
import dev.runway.autoscaler.follow.RolloutLoop;
import dev.runway.autoscaler.follow.ScalingLoop;
import dev.runway.events.Envelope;
import dev.runway.events.Topics;
import dev.runway.events.command.Command;
import dev.runway.events.query.RegistryQueries;
import dev.runway.events.wire.KafkaSettings;
import dev.runway.events.metrics.TrafficMeasured;
import dev.runway.events.wire.EnvelopeCodec;
import dev.runway.events.wire.GroupConsumer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Joins the autoscaler group on {@code runway.metrics}, keeps each service's recent figures
 * ({@link ServiceWindows}) and runs the {@link ScalingLoop} once a second, which reads the
 * services from the registry's query API and sends its decisions on {@code runway.commands}.
 */
@Readiness
@ApplicationScoped
public class MetricsConsumer implements HealthCheck {

    static final String GROUP = "autoscaler";

    private final GroupConsumer consumer;
    private final ServiceWindows windows;
    private final ScalingLoop loop;
    private final RolloutLoop rollouts;
    private final KafkaProducer<String, byte[]> producer;
    private volatile long failedRounds;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scaling-loop");
        t.setDaemon(true);
        return t;
    });

    public MetricsConsumer(@ConfigProperty(name = "runway.kafka.bootstrap-servers") String bootstrap,
            @ConfigProperty(name = "runway.autoscaler.target-utilization", defaultValue = "0.7") double target,
            @ConfigProperty(name = "runway.autoscaler.stable-window", defaultValue = "60s") Duration stable,
            @ConfigProperty(name = "runway.autoscaler.panic-window", defaultValue = "6s") Duration panic,
            @ConfigProperty(name = "runway.autoscaler.panic-threshold", defaultValue = "2.0") double threshold,
            @ConfigProperty(name = "runway.autoscaler.scale-down-delay", defaultValue = "60s") Duration delay,
            @ConfigProperty(name = "runway.autoscaler.default-max-concurrency", defaultValue = "100") int maxConcurrency,
            @ConfigProperty(name = "runway.autoscaler.default-min-size", defaultValue = "1") int minSize,
            @ConfigProperty(name = "runway.autoscaler.default-max-size", defaultValue = "25") int maxSize,
            @ConfigProperty(name = "runway.service-registry.url") String registryUrl,
            @ConfigProperty(name = "runway.autoscaler.rollout-error-points", defaultValue = "5") double errorPoints,
            @ConfigProperty(name = "runway.autoscaler.rollout-latency-factor", defaultValue = "1.5")
            double latencyFactor,
            @ConfigProperty(name = "runway.autoscaler.rollout-latency-slack", defaultValue = "100ms")
            Duration latencySlack,
            @ConfigProperty(name = "runway.autoscaler.rollout-min-requests", defaultValue = "20") long minRequests) {
        KpaSettings kpa = new KpaSettings(target, stable, panic, threshold, delay);
        this.windows = new ServiceWindows(kpa);
        this.producer = new KafkaProducer<>(KafkaSettings.producer(bootstrap, "autoscaler"));
        RegistryQueries registry = new RegistryQueries(registryUrl, Duration.ofSeconds(2));
        this.loop = new ScalingLoop(windows, () -> registry.routes().routes(), this::send,
                new ScalingLimits(maxConcurrency, minSize, maxSize), kpa, Clock.systemUTC());
        this.rollouts = new RolloutLoop(() -> registry.routes().routes(), this::send,
                new RolloutDecider.Margins(errorPoints, latencyFactor, latencySlack.toMillis(), minRequests),
                Clock.systemUTC());
        // the windows are a cache of runway.metrics: a restarted autoscaler (or one given another's
        // partitions) reads again what its windows reach (the longest idle window of a service that
        // scales to zero included), so it decides at once as before
        this.consumer = new GroupConsumer(bootstrap, GROUP, List.of(Topics.METRICS), this::handle)
                .replayOnAssignment(ServiceWindows.reach(kpa));
    }

    void start(@Observes StartupEvent ignored) {
        consumer.start();
        ticker.scheduleAtFixedRate(this::round, 1, 1, TimeUnit.SECONDS);
        Log.infof("autoscaler started, joining group %s on %s", GROUP, Topics.METRICS);
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        ticker.shutdownNow();
        consumer.close();
        producer.close(Duration.ofSeconds(2));
    }

    private void round() {
        try {
            loop.round();
            rollouts.round();
            failedRounds = 0;
        } catch (IOException | RuntimeException e) {
            if (failedRounds++ % 30 == 0) {
                Log.warnf("scaling round failed (the next one tries again): %s", e.toString());
            }
        }
    }

    /** Fire and forget: a lost command is sent again next round while the decision stands. */
    private void send(Command command) {
        Envelope envelope = Envelope.first("autoscaler", command, UUID.randomUUID());
        producer.send(new ProducerRecord<>(Topics.COMMANDS, command.resourceArn(), EnvelopeCodec.toBytes(envelope)),
                (meta, err) -> {
                    if (err != null) {
                        Log.warnf("%s for %s not sent: %s", command.getClass().getSimpleName(),
                                command.resourceArn(), err.toString());
                    }
                });
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        // an unreadable record throws, and the group consumer dead-letters it
        Envelope envelope = EnvelopeCodec.fromBytes(record.value());
        if (envelope.payload() instanceof TrafficMeasured measured) {
            windows.add(measured);
            rollouts.add(measured);
        }
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("metrics-consumer").status(consumer.isJoined()).build();
    }
}
