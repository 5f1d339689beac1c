package dev.runway.registry.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import dev.runway.events.Envelope;
import dev.runway.events.wire.EnvelopeCodec;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/** A message waiting to be published, written in the transaction that decided it. */
@Entity
@Table(name = "outbox")
public class OutboxMessage extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String topic;

    @Column(name = "message_key", nullable = false)
    public String messageKey;

    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    public String envelope;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    /** Writes {@code envelope} to be published on {@code topic} under {@code key}; must run in the deciding transaction. */
    public static OutboxMessage queue(String topic, String key, Envelope envelope) {
        OutboxMessage m = new OutboxMessage();
        m.topic = topic;
        m.messageKey = key;
        m.envelope = EnvelopeCodec.toJson(envelope);
        m.createdAt = Instant.now();
        m.persist();
        return m;
    }
}
