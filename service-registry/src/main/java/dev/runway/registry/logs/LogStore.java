package dev.runway.registry.logs;

import dev.runway.events.Envelope;
import dev.runway.events.Topics;
import dev.runway.events.event.ServiceEvent;
import dev.runway.events.log.LogLine;
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
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The log store (SPEC.md §10.1), a projection like the others: {@code runway.logs} (group
 * {@code service-registry-logs}: build output, application output) and the services' own events
 * on {@code runway.events} (group {@code service-registry-event-log}, written as the
 * {@code events} stream of each service group) go into {@code log_events}, once per message id
 * however often Kafka redelivers. A record is committed only after its row is stored; while the
 * database is away the consumer waits rather than skip. Lines older than the retention go.
 */
@ApplicationScoped
public class LogStore {

    static final String LOGS_GROUP = "service-registry-logs";
    static final String EVENTS_GROUP = "service-registry-event-log";

    private final RegistryConfig config;
    private final int retentionDays;
    private final AtomicBoolean running = new AtomicBoolean();
    private final ScheduledExecutorService retention = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "log-retention");
        t.setDaemon(true);
        return t;
    });
    private GroupConsumer logs;
    private GroupConsumer events;

    public LogStore(RegistryConfig config,
            @ConfigProperty(name = "runway.log-retention-days", defaultValue = "30") int retentionDays) {
        this.config = config;
        this.retentionDays = retentionDays;
    }

    void start(@Observes StartupEvent ignored) {
        running.set(true);
        logs = new GroupConsumer(config.kafka().bootstrapServers(), LOGS_GROUP, List.of(Topics.LOGS), this::storeLine);
        events = new GroupConsumer(config.kafka().bootstrapServers(), EVENTS_GROUP, List.of(Topics.EVENTS),
                this::storeEvent);
        logs.start();
        events.start();
        retention.scheduleWithFixedDelay(this::expire, 1, 60, TimeUnit.MINUTES);
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        running.set(false);
        retention.shutdownNow();
        if (logs != null) {
            logs.close();
        }
        if (events != null) {
            events.close();
        }
    }

    private void storeLine(ConsumerRecord<String, byte[]> record) {
        Envelope envelope = read(record);
        if (envelope != null && envelope.payload() instanceof LogLine line) {
            store(envelope.id(), line.logGroup(), line.logStream(), line.timestamp(), line.message());
        }
    }

    private void storeEvent(ConsumerRecord<String, byte[]> record) {
        Envelope envelope = read(record);
        if (envelope == null || !(envelope.payload() instanceof ServiceEvent)) {
            return;
        }
        ServiceDimensions.ofService(envelope.resourceArn()).ifPresent(service -> ServiceEventLines
                .lineOf(envelope.payload()).ifPresent(text -> store(envelope.id(),
                        LogLine.serviceGroup(service.serviceName(), service.serviceId()), LogLine.EVENTS_STREAM,
                        envelope.time(), text)));
    }

    /** The record's envelope; an unreadable one throws, and its consumer dead-letters it. */
    private static Envelope read(ConsumerRecord<String, byte[]> record) {
        return EnvelopeCodec.fromBytes(record.value());
    }

    private void store(UUID messageId, String group, String stream, Instant time, String message) {
        UntilStored.run(running, () -> "a line of " + group + " " + stream, () -> Panache.getEntityManager()
                .createNativeQuery("insert into log_events (message_id, log_group, log_stream, event_time, message)"
                        + " values (cast(?1 as uuid), ?2, ?3, ?4, ?5) on conflict (message_id) do nothing")
                .setParameter(1, messageId.toString())
                .setParameter(2, group)
                .setParameter(3, stream)
                .setParameter(4, Timestamp.from(time == null ? Instant.now() : time))
                // PostgreSQL text cannot hold NUL
                .setParameter(5, message == null ? "" : message.replace('\0', ' '))
                .executeUpdate());
    }

    private void expire() {
        try {
            int gone = QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager().createNativeQuery(
                    "delete from log_events where ingestion_time < now() - make_interval(days => ?1)")
                    .setParameter(1, retentionDays).executeUpdate());
            if (gone > 0) {
                Log.infof("logs: %d line(s) older than %d day(s) deleted", gone, retentionDays);
            }
        } catch (RuntimeException e) {
            Log.warnf("logs: retention could not run (next try in an hour): %s", e.getMessage());
        }
    }
}
