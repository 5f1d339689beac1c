package dev.runway.deployworker.logs;

import dev.runway.deployworker.config.WorkerConfig;
import dev.runway.events.Envelope;
import dev.runway.events.log.LogLine;
import dev.runway.events.wire.EnvelopeCodec;
import dev.runway.events.wire.KafkaSettings;
import dev.runway.events.Topics;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The deploy-worker's one way onto {@code runway.logs}: application output and deployment lines
 * alike. (Not to be confused with the engine's {@code ContainerEngine.LogSink}, which hands over the
 * lines a container writes.) A line is worth a try, never a wait: a Kafka that is away loses lines, not deployments.
 */
@ApplicationScoped
public class LogPublisher {

    private final WorkerConfig config;
    private KafkaProducer<String, byte[]> producer;

    LogPublisher(WorkerConfig config) {
        this.config = config;
    }

    void start(@Observes StartupEvent ignored) {
        Properties settings = KafkaSettings.producer(config.kafka().bootstrapServers(), "deploy-worker-logs");
        // a rollout writes through here: wait for an absent Kafka two seconds at most, not a minute
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000);
        producer = new KafkaProducer<>(settings);
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Sends {@code line} with message id {@code id}; the log store keeps one line per id, so a
     * caller that derives the id from what the line is makes sending it twice harmless.
     */
    void send(LogLine line, UUID id) {
        KafkaProducer<String, byte[]> out = producer;
        if (out == null) {
            return;
        }
        Envelope first = Envelope.first("deploy-worker", line, null);
        Envelope envelope = new Envelope(id, first.type(), first.schemaVersion(), first.time(), first.source(),
                first.resourceArn(), null, null, null, line);
        try {
            out.send(new ProducerRecord<>(Topics.LOGS, line.serviceArn(), EnvelopeCodec.toBytes(envelope)),
                    (meta, err) -> {
                        if (err != null) {
                            Log.debugf("a log line of %s was not sent: %s", line.serviceArn(), err.toString());
                        }
                    });
        } catch (RuntimeException e) {
            Log.debugf("a log line of %s was not sent: %s", line.serviceArn(), e.toString());
        }
    }
}
