package dev.runway.registry.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The id of a consumed command or report: seen once, never handled again. */
@Entity
@Table(name = "processed_messages")
public class ProcessedMessage extends PanacheEntityBase {

    @Id
    @Column(name = "message_id")
    public UUID messageId;

    @Column(name = "processed_at", nullable = false)
    public Instant processedAt;

    /** Records {@code messageId} as handled; must run inside the handling transaction. */
    public static void record(UUID messageId) {
        ProcessedMessage seen = new ProcessedMessage();
        seen.messageId = messageId;
        seen.processedAt = Instant.now();
        seen.persist();
    }
}
