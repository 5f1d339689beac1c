package dev.runway.registry.messaging;

import dev.runway.events.wire.DeadLetters;
import dev.runway.events.wire.Failures;
import dev.runway.events.wire.KafkaSettings;
import dev.runway.registry.config.RegistryConfig;
import dev.runway.registry.store.OutboxMessage;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes outbox rows to Kafka in the order they were written and marks them sent. A
 * transaction-scoped advisory lock lets exactly one registry instance relay at a time, which keeps
 * the order. A crash between publishing and marking publishes again; consumers dedupe by id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final long ADVISORY_LOCK = 0x72756e776179L; // "runway"
    private static final int BATCH = 200;

    private final RegistryConfig config;
    private final EntityManager em;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicBoolean running = new AtomicBoolean();
    private KafkaProducer<String, byte[]> producer;
    private DeadLetters deadLetters;
    private Thread thread;

    public OutboxRelay(RegistryConfig config, EntityManager em) {
        this.config = config;
        this.em = em;
    }

    void start(@Observes StartupEvent ignored) {
        producer = new KafkaProducer<>(KafkaSettings.producer(config.kafka().bootstrapServers(), "service-registry-outbox"));
        deadLetters = new DeadLetters(config.kafka().bootstrapServers(), "service-registry-outbox");
        running.set(true);
        thread = new Thread(this::run, "outbox-relay");
        thread.start();
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        running.set(false);
        wake.release();
        if (thread != null) {
            thread.join(10_000);
        }
        if (producer != null) {
            producer.close();
        }
        if (deadLetters != null) {
            deadLetters.close();
        }
    }

    /** Asks the relay to look now rather than at its next poll. */
    public void wake() {
        wake.release();
    }

    private void run() {
        long pollMillis = config.outbox().pollInterval().toMillis();
        while (running.get()) {
            try {
                wake.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
                wake.drainPermits();
                while (running.get() && publishBatch() == BATCH) {
                    // a full batch: there may be more
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                Log.warnf("outbox relay could not publish, retrying: %s", e.getMessage());
                sleep();
            }
        }
    }

    private int publishBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object locked = em.createNativeQuery("select pg_try_advisory_xact_lock(:k)")
                    .setParameter("k", ADVISORY_LOCK).getSingleResult();
            if (!Boolean.TRUE.equals(locked)) {
                return 0;
            }
            List<OutboxMessage> batch = OutboxMessage.find("sentAt is null", Sort.by("id")).range(0, BATCH - 1).list();
            if (batch.isEmpty()) {
                return 0;
            }
            List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
            for (OutboxMessage m : batch) {
                sends.add(producer.send(new ProducerRecord<>(m.topic, m.messageKey,
                        m.envelope.getBytes(StandardCharsets.UTF_8))));
            }
            for (int i = 0; i < sends.size(); i++) {
                try {
                    sends.get(i).get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (Failures.isTransient(e.getCause())) {
                        throw e; // the whole batch again; consumers drop what they already had
                    }
                    // Kafka will never take this row (too large, a bad topic): it must not hold back the rest
                    OutboxMessage m = batch.get(i);
                    if (!deadLetters.send(new ConsumerRecord<>(m.topic, -1, m.id, m.messageKey,
                            m.envelope.getBytes(StandardCharsets.UTF_8)), "service-registry-outbox",
                            "Kafka refused outbox row " + m.id + ": " + Failures.rootMessage(e.getCause()))) {
                        throw e;
                    }
                }
            }
            Instant now = Instant.now();
            List<Long> ids = batch.stream().map(m -> m.id).toList();
            OutboxMessage.update("sentAt = ?1 where id in ?2", now, ids);
            return batch.size();
        });
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
