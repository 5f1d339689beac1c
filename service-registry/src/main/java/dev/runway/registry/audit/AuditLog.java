package dev.runway.registry.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.events.Topics;
import dev.runway.events.wire.GroupConsumer;
import dev.runway.events.wire.Json;
import dev.runway.registry.config.RegistryConfig;
import dev.runway.registry.store.UntilStored;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Keeps the audit trail: consumes {@code runway.audit} (group {@code service-registry-audit}) into
 * {@code audit_events}, once per event id however often Kafka redelivers. A record is committed
 * only after its row is stored; while the database is away the consumer waits rather than skip.
 */
@ApplicationScoped
public class AuditLog {

    static final String GROUP = "service-registry-audit";

    private final RegistryConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private GroupConsumer consumer;

    public AuditLog(RegistryConfig config) {
        this.config = config;
    }

    void start(@Observes StartupEvent ignored) {
        running.set(true);
        consumer = new GroupConsumer(config.kafka().bootstrapServers(), GROUP, List.of(Topics.AUDIT), this::store);
        consumer.start();
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        running.set(false);
        if (consumer != null) {
            consumer.close();
        }
    }

    private void store(ConsumerRecord<String, byte[]> record) {
        JsonNode r;
        try {
            r = Json.MAPPER.readTree(new String(record.value(), StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            // its consumer dead-letters it
            throw new IllegalArgumentException("not an audit record: " + e.getMessage(), e);
        }
        if (r == null || !r.isObject() || !r.hasNonNull("eventID") || !r.hasNonNull("eventTime")) {
            throw new IllegalArgumentException("not an audit record: no eventID or eventTime");
        }
        UntilStored.run(running, () -> "the audit record " + r.path("eventID").asText(), () -> insert(r));
    }

    private static void insert(JsonNode r) {
        String[] resource = resourceOf(r.path("requestParameters"));
        Panache.getEntityManager().createNativeQuery("insert into audit_events (event_id, event_time, event_name,"
                + " event_source, access_key_id, username, read_only, resource_type, resource_name, record)"
                + " values (?1, ?2, ?3, ?4, nullif(?5, ''), nullif(?6, ''), ?7, nullif(?8, ''), nullif(?9, ''),"
                + " cast(?10 as jsonb)) on conflict (event_id) do nothing")
                .setParameter(1, r.path("eventID").asText())
                .setParameter(2, Timestamp.from(Instant.parse(r.path("eventTime").asText())))
                .setParameter(3, r.path("eventName").asText())
                .setParameter(4, r.path("eventSource").asText())
                // nulls travel as '' (an untyped null would reach PostgreSQL as bytea)
                .setParameter(5, r.path("userIdentity").path("accessKeyId").asText(""))
                .setParameter(6, r.path("userIdentity").path("userName").asText(""))
                .setParameter(7, r.path("readOnly").asBoolean())
                .setParameter(8, resource[0] == null ? "" : resource[0])
                .setParameter(9, resource[1] == null ? "" : resource[1])
                .setParameter(10, r.toString())
                .executeUpdate();
    }

    /** The resource a call was about, as CloudTrail's ResourceType and ResourceName. */
    static String[] resourceOf(JsonNode params) {
        if (params.hasNonNull("serviceArn")) {
            return new String[] {"AWS::AppRunner::Service", params.path("serviceArn").asText()};
        }
        if (params.hasNonNull("serviceName")) {
            return new String[] {"AWS::AppRunner::Service", params.path("serviceName").asText()};
        }
        if (params.hasNonNull("rule")) {
            return new String[] {"AWS::Events::Rule", params.path("rule").asText()};
        }
        if (params.hasNonNull("name")) {
            return new String[] {"AWS::Events::Rule", params.path("name").asText()};
        }
        return new String[] {null, null};
    }
}
