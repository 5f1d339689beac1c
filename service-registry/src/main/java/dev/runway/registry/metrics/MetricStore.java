package dev.runway.registry.metrics;

import dev.runway.events.Envelope;
import dev.runway.events.Message;
import dev.runway.events.Topics;
import dev.runway.events.metrics.ServiceDimensions;
import dev.runway.events.wire.EnvelopeCodec;
import dev.runway.events.wire.GroupConsumer;
import dev.runway.registry.config.RegistryConfig;
import dev.runway.registry.store.UntilStored;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The metric store: consumes {@code runway.metrics} (group {@code service-registry-metrics}) into
 * 1-minute aggregates per service and metric ({@code metric_minutes}). A message counts once
 * however often Kafka redelivers it: its (source, service, period end) goes into
 * {@code metric_receipts} in the same transaction, and a known receipt adds nothing. While the
 * database is away the consumer waits rather than skip. Receipts older than a day are dropped.
 */
@ApplicationScoped
public class MetricStore {

    static final String GROUP = "service-registry-metrics";
    private static final Duration RECEIPTS_KEPT = Duration.ofDays(1);

    private final RegistryConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private GroupConsumer consumer;
    private volatile Instant lastCleanup = Instant.EPOCH;

    public MetricStore(RegistryConfig config) {
        this.config = config;
    }

    void start(@Observes StartupEvent ignored) {
        running.set(true);
        consumer = new GroupConsumer(config.kafka().bootstrapServers(), GROUP, List.of(Topics.METRICS), this::store);
        consumer.start();
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        running.set(false);
        if (consumer != null) {
            consumer.close();
        }
    }

    private void store(ConsumerRecord<String, byte[]> record) {
        // an unreadable record throws, and its consumer dead-letters it
        Message message = EnvelopeCodec.fromBytes(record.value()).payload();
        List<Samples.Sample> samples = Samples.of(message);
        if (samples.isEmpty()) {
            return;
        }
        if (UntilStored.run(running, () -> "figures of " + message.resourceArn(), () -> add(message, samples))) {
            cleanUp();
        }
    }

    private static void add(Message message, List<Samples.Sample> samples) {
        EntityManager em = Panache.getEntityManager();
        int fresh = em.createNativeQuery("insert into metric_receipts (source, service_arn, period_end)"
                + " values (?1, ?2, ?3) on conflict do nothing")
                .setParameter(1, Samples.source(message))
                .setParameter(2, message.resourceArn())
                .setParameter(3, Timestamp.from(Samples.periodEnd(message)))
                .executeUpdate();
        if (fresh == 0) {
            return; // seen before: its figures are in already
        }
        ServiceDimensions dims = ServiceDimensions.of(message.resourceArn());
        for (Samples.Sample s : samples) {
            em.createNativeQuery("insert into metric_minutes (service_arn, service_name, service_id, metric, minute,"
                    + " sample_count, sum, minimum, maximum) values (?1, ?2, ?3, ?4, ?5, 1, ?6, ?6, ?7)"
                    + " on conflict (service_arn, metric, minute) do update set"
                    + " sample_count = metric_minutes.sample_count + 1, sum = metric_minutes.sum + excluded.sum,"
                    + " minimum = least(metric_minutes.minimum, excluded.minimum),"
                    + " maximum = greatest(metric_minutes.maximum, excluded.maximum)")
                    .setParameter(1, message.resourceArn())
                    .setParameter(2, dims.serviceName())
                    .setParameter(3, dims.serviceId())
                    .setParameter(4, s.metric().wire())
                    .setParameter(5, Timestamp.from(s.minute()))
                    .setParameter(6, s.value())
                    .setParameter(7, s.maximum())
                    .executeUpdate();
        }
    }

    private void cleanUp() {
        Instant now = Instant.now();
        if (Duration.between(lastCleanup, now).toMinutes() < 10) {
            return;
        }
        lastCleanup = now;
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager()
                .createNativeQuery("delete from metric_receipts where period_end < ?1")
                .setParameter(1, Timestamp.from(now.minus(RECEIPTS_KEPT)))
                .executeUpdate());
    }
}
