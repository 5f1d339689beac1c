package dev.runway.registry.messaging;

import dev.runway.events.Envelope;
import dev.runway.events.Topics;
import dev.runway.events.wire.DeadLetters;
import dev.runway.events.wire.EnvelopeCodec;
import dev.runway.events.wire.Failures;
import dev.runway.events.wire.KafkaSettings;
import dev.runway.registry.config.RegistryConfig;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
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
 * Reads commands and worker reports (one consumer group for all registry instances) and hands
 * each to the {@link MessageHandler} in its own transaction. An offset is committed only after its
 * message's transaction committed, so a crash redelivers and the handler's dedupe makes that safe.
 */
@ApplicationScoped
public class RegistryConsumer {

    static final String GROUP = "service-registry";
    private static final int ATTEMPTS = 5;

    private final RegistryConfig config;
    private final MessageHandler handler;
    private final OutboxRelay relay;
    private final List<String> topics;
    private final String group;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean polling = new AtomicBoolean();
    private final DeadLetters deadLetters;
    private volatile int failuresInARow;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    @Inject
    public RegistryConsumer(RegistryConfig config, MessageHandler handler, OutboxRelay relay) {
        this(config, handler, relay, List.of(Topics.COMMANDS, Topics.REPORTS), GROUP);
    }

    /** Reading {@code topics} as {@code group}: RegistryConsumerIT's own, beside a running platform's. */
    RegistryConsumer(RegistryConfig config, MessageHandler handler, OutboxRelay relay, List<String> topics,
            String group) {
        this.config = config;
        this.handler = handler;
        this.relay = relay;
        this.topics = List.copyOf(topics);
        this.group = group;
        this.deadLetters = new DeadLetters(config.kafka().bootstrapServers(), group);
    }

    void start(@Observes StartupEvent ignored) {
        running.set(true);
        thread = new Thread(this::run, "registry-consumer");
        thread.start();
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        running.set(false);
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            thread.join(10_000);
        }
        deadLetters.close();
    }

    /** True while one message keeps failing with a failure that may pass (the database is away). */
    public boolean isRetrying() {
        return failuresInARow > 0;
    }

    /** True once one message has failed five times in a row in a way that may pass. */
    public boolean isRetryingLong() {
        return failuresInARow >= 5;
    }

    /** True once the consumer has polled Kafka successfully. */
    public boolean isPolling() {
        return polling.get();
    }

    private void run() {
        while (running.get()) {
            try {
                consume();
            } catch (WakeupException e) {
                if (running.get()) {
                    Log.error("registry consumer woken unexpectedly; joining again", e);
                }
            } catch (RuntimeException e) {
                // never stop consuming for good: a new client rejoins the group
                Log.error("registry consumer failed; joining again in 2 s", e);
                sleep(2000);
            } finally {
                polling.set(false);
            }
        }
    }

    private void consume() {
        String clientId = group + "-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(
                KafkaSettings.workConsumer(config.kafka().bootstrapServers(), group, clientId))) {
            consumer = c;
            c.subscribe(topics);
            Log.infof("service-registry consuming %s as group %s", String.join(" and ", topics), group);
            while (running.get()) {
                ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
                polling.set(true);
                if (!handleBatch(c, records)) {
                    sleep(1000);
                }
            }
        } finally {
            consumer = null;
        }
    }

    /**
     * Handles each partition's records in order. Where one cannot be handled now (the store is
     * unreachable), that partition is rewound to it, so nothing after it is skipped; the other
     * partitions go on. When a commit is refused (another registry instance joined or left and the
     * group is rebalancing), every partition is rewound to its first unhandled record and the next
     * poll rejoins; whoever owns a partition then may read a handled message again, which the
     * handler's dedupe by message id makes harmless. Returns false when anything was rewound.
     */
    private boolean handleBatch(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        boolean all = true;
        List<TopicPartition> partitions = List.copyOf(records.partitions());
        for (int p = 0; p < partitions.size(); p++) {
            TopicPartition partition = partitions.get(p);
            List<ConsumerRecord<String, byte[]>> list = records.records(partition);
            for (int i = 0; i < list.size(); i++) {
                ConsumerRecord<String, byte[]> record = list.get(i);
                if (!handleDurably(record)) {
                    c.seek(partition, record.offset());
                    all = false;
                    break;
                }
                if (!commit(c, partition, record)) {
                    if (i + 1 < list.size()) {
                        c.seek(partition, list.get(i + 1).offset());
                    }
                    for (TopicPartition later : partitions.subList(p + 1, partitions.size())) {
                        c.seek(later, records.records(later).get(0).offset());
                    }
                    return false;
                }
            }
        }
        return all;
    }

    private static boolean commit(KafkaConsumer<String, byte[]> c, TopicPartition partition,
            ConsumerRecord<String, byte[]> record) {
        try {
            c.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
            return true;
        } catch (WakeupException | org.apache.kafka.common.errors.InterruptException e) {
            throw e;
        } catch (org.apache.kafka.common.KafkaException e) {
            Log.warnf("could not commit %s@%d (%s); rejoining the group", partition, record.offset(), e.getMessage());
            return false;
        }
    }

    /**
     * Returns false when the message must be tried again later (the database is unreachable, or
     * the dead letter could not be written). A message that can never be handled (undecodable, an
     * unknown type, content the database refuses, a bug) is answered to its caller at once when it
     * is a command, and dead-lettered; the partition moves on.
     */
    private boolean handleDurably(ConsumerRecord<String, byte[]> record) {
        Envelope envelope;
        try {
            envelope = EnvelopeCodec.fromBytes(record.value());
        } catch (RuntimeException e) {
            return deadLetter(record, "not a readable Runway message: " + Failures.rootMessage(e));
        }
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> handler.handle(envelope));
                relay.wake();
                failuresInARow = 0;
                return true;
            } catch (RuntimeException e) {
                last = e;
                if (!Failures.isTransient(e)) {
                    break;
                }
                Log.debugf("attempt %d of %s %s failed: %s", attempt, envelope.type(), envelope.id(), e.getMessage());
                sleep(50L * attempt);
            }
        }
        if (Failures.isTransient(last)) {
            failuresInARow++;
            Log.warnf("event store unavailable while handling %s %s (%d in a row): %s", envelope.type(), envelope.id(),
                    failuresInARow, Failures.rootMessage(last));
            return false;
        }
        String reason = Failures.rootMessage(last);
        Log.errorf(last, "cannot ever handle %s %s", envelope.type(), envelope.id());
        boolean refused = Failures.isRefusedContent(last);
        String answer = refused ? "Runway cannot store this request: " + reason : "The request could not be processed: " + reason;
        try {
            QuarkusTransaction.requiringNew().run(() -> handler.rejectUnhandled(envelope,
                    refused ? "InvalidRequestException" : "InternalServiceErrorException", answer));
            relay.wake();
        } catch (RuntimeException e) {
            if (Failures.isTransient(e)) {
                return false;
            }
            Log.errorf(e, "could not answer %s %s with its rejection", envelope.type(), envelope.id());
        }
        return deadLetter(record, envelope.type() + " " + envelope.id() + ": " + reason);
    }

    private boolean deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        if (deadLetters.send(record, group, reason)) {
            failuresInARow = 0;
            return true;
        }
        failuresInARow++;
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
