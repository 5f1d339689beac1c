package dev.runway.registry.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** A row of the {@code events} table: one fact in one stream. */
@Entity
@Table(name = "events")
public class StoredEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "global_position")
    public Long globalPosition;

    @Column(name = "stream_id", nullable = false)
    public String streamId;

    @Column(nullable = false)
    public int version;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(nullable = false)
    public String type;

    /** The payload as JSON. */
    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    public String data;

    /** The envelope around the payload (ids, time, source, causation), as JSON. */
    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    public String metadata;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
