package dev.runway.gateway.feed;

import dev.runway.events.wire.KafkaSettings;
import dev.runway.gateway.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The gateway's producer for the public feed, dead letters and audit records: idempotent,
 * {@code acks=all}; {@link #sendAll} returns only when Kafka has every record.
 */
@ApplicationScoped
public class FeedProducer {

    private final GatewayConfig config;
    private volatile KafkaProducer<String, byte[]> producer;

    public FeedProducer(GatewayConfig config) {
        this.config = config;
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(KafkaSettings.producer(config.kafka().bootstrapServers(),
                            "api-gateway-feed"));
                }
                p = producer;
            }
        }
        return p;
    }

    /** One record to write: topic, key and JSON text. */
    public record Out(String topic, String key, String json) {
    }

    /** Sends in order and waits for every acknowledgement; throws when Kafka did not take them all. */
    public void sendAll(List<Out> records, Duration timeout) throws ExecutionException, TimeoutException,
            InterruptedException {
        KafkaProducer<String, byte[]> p = producer();
        List<Future<RecordMetadata>> acks = new java.util.ArrayList<>();
        for (Out r : records) {
            acks.add(p.send(new ProducerRecord<>(r.topic(), r.key(), r.json().getBytes(StandardCharsets.UTF_8))));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Future<RecordMetadata> ack : acks) {
            ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        KafkaProducer<String, byte[]> p = producer;
        if (p != null) {
            p.close(Duration.ofSeconds(5));
        }
    }
}
