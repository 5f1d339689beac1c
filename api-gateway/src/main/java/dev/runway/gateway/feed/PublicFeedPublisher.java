package dev.runway.gateway.feed;

import dev.runway.events.Envelope;
import dev.runway.events.Topics;
import dev.runway.events.publicfeed.PublicEvents;
import dev.runway.events.wire.DeadLetters;
import dev.runway.events.wire.EnvelopeCodec;
import dev.runway.events.wire.Failures;
import dev.runway.events.wire.KafkaSettings;
import dev.runway.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Writes the public feed: follows {@code runway.events} as consumer group
 * {@code api-gateway-public-feed} (gateway instances share the partitions), maps each internal
 * event with {@link PublicEvents} and writes it to {@code runway.public-events} under the same
 * key (the service ARN), committing the input offsets only after Kafka acknowledged the output.
 * A crash in between writes an event twice with the same id: at-least-once, duplicates carry
 * the id subscribers dedupe on.
 */
@ApplicationScoped
public class PublicFeedPublisher {

    static final String GROUP = "api-gateway-public-feed";

    private final GatewayConfig config;
    private final FeedProducer producer;
    private final DeadLetters deadLetters;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public PublicFeedPublisher(GatewayConfig config, FeedProducer producer) {
        this.config = config;
        this.producer = producer;
        this.deadLetters = new DeadLetters(config.kafka().bootstrapServers(), GROUP);
    }

    void start(@Observes StartupEvent ignored) {
        running.set(true);
        thread = new Thread(this::run, "public-feed");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        running.set(false);
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            thread.join(5_000);
        }
    }

    private void run() {
        while (running.get()) {
            String clientId = GROUP + "-" + UUID.randomUUID().toString().substring(0, 8);
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(
                    KafkaSettings.workConsumer(config.kafka().bootstrapServers(), GROUP, clientId))) {
                consumer = c;
                c.subscribe(List.of(Topics.EVENTS));
                while (running.get()) {
                    ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
                    if (!records.isEmpty()) {
                        publish(c, records);
                    }
                }
            } catch (WakeupException e) {
                // shutting down
            } catch (RuntimeException e) {
                Log.errorf(e, "public feed: restarting after an error (nothing is committed that was not published)");
                pause();
            }
        }
    }

    private void publish(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        List<FeedProducer.Out> out = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
            try {
                Envelope envelope = EnvelopeCodec.fromBytes(record.value());
                PublicEvents.from(envelope).ifPresent(event -> out.add(new FeedProducer.Out(Topics.PUBLIC_EVENTS,
                        envelope.resourceArn(), event.toString())));
            } catch (RuntimeException e) {
                // an event that cannot be read or shaped must not stop the feed: it is dead-lettered
                while (running.get() && !deadLetters.send(record, GROUP, "cannot publish: " + Failures.rootMessage(e))) {
                    pause();
                }
            }
        }
        while (running.get()) {
            try {
                producer.sendAll(out, Duration.ofSeconds(30));
                c.commitSync(offsets);
                return;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                Log.warnf("public feed: Kafka did not take %d event(s) (%s); trying again", out.size(), e.getMessage());
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
