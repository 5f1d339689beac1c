package dev.runway.events.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.Topics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Metrics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Where a consumer puts a message it can never handle, so that it can move on: the message's
 * original bytes, topic, partition, offset and key, the consumer that gave up and why, as one
 * JSON record on {@code runway.deadletters} keyed like the original. The record's id is derived
 * from consumer, topic, partition and offset, so a message dead-lettered twice (a crash before the
 * commit) is one dead letter to whoever lists them. Counts per consumer are kept, and shown to
 * Prometheus as {@code runway_deadletters_total{consumer="…"}} through Micrometer's global
 * registry, which every component's {@code /q/metrics} registry joins.
 */
public final class DeadLetters implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class.getName());
    private static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();

    private final String bootstrapServers;
    private final String clientId;
    private volatile KafkaProducer<String, byte[]> producer;

    public DeadLetters(String bootstrapServers, String clientId) {
        this.bootstrapServers = bootstrapServers;
        this.clientId = clientId;
    }

    /** How many messages each consumer dead-lettered since this process started. */
    public static Map<String, Long> counts() {
        Map<String, Long> out = new java.util.TreeMap<>();
        COUNTS.forEach((consumer, n) -> out.put(consumer, n.get()));
        return out;
    }

    private static AtomicLong counter(String consumer) {
        AtomicLong count = new AtomicLong();
        FunctionCounter.builder("runway.deadletters", count, AtomicLong::get)
                .description("Messages a consumer could never handle and put on " + Topics.DEAD_LETTERED_MESSAGES)
                .tag("consumer", consumer)
                .register(Metrics.globalRegistry);
        return count;
    }

    /**
     * Writes the dead letter and waits for the broker's acknowledgement (10 s at most); false when
     * it could not be written (then the caller must not move past the message).
     */
    public boolean send(ConsumerRecord<String, byte[]> record, String consumer, String reason) {
        ObjectNode letter = letter(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                consumer, reason, Instant.now());
        try {
            producer().send(new ProducerRecord<>(Topics.DEAD_LETTERED_MESSAGES, record.key(),
                    letter.toString().getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.log(Level.WARNING, consumer + " could not dead-letter " + where(record) + ": " + e.getMessage());
            return false;
        }
        COUNTS.computeIfAbsent(consumer, DeadLetters::counter).incrementAndGet();
        LOG.warning(() -> consumer + " dead-lettered " + where(record) + " on " + Topics.DEAD_LETTERED_MESSAGES
                + ": " + reason);
        return true;
    }

    /** The dead letter of one message, as it is written to the topic. */
    public static ObjectNode letter(String topic, int partition, long offset, String key, byte[] value,
            String consumer, String reason, Instant at) {
        ObjectNode letter = Json.MAPPER.createObjectNode();
        letter.put("id", UUID.nameUUIDFromBytes((consumer + "|" + topic + "|" + partition + "|" + offset)
                .getBytes(StandardCharsets.UTF_8)).toString());
        letter.put("time", at.toString());
        letter.put("consumer", consumer);
        letter.put("topic", topic);
        letter.put("partition", partition);
        letter.put("offset", offset);
        if (key != null) {
            letter.put("key", key);
        }
        letter.put("reason", reason);
        letter.put("value", value == null ? null : Base64.getEncoder().encodeToString(value));
        return letter;
    }

    static String where(ConsumerRecord<String, byte[]> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    var settings = KafkaSettings.producer(bootstrapServers, clientId + "-deadletters");
                    settings.put(org.apache.kafka.clients.producer.ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
                    producer = new KafkaProducer<>(settings);
                }
                p = producer;
            }
        }
        return p;
    }

    @Override
    public void close() {
        KafkaProducer<String, byte[]> p = producer;
        if (p != null) {
            p.close(java.time.Duration.ofSeconds(5));
        }
    }
}
