package dev.runway.registry.secrets;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/** The read model of one secret (DescribeSecret, ListSecrets, lookups by name). Rebuilt from events at will. */
@Entity
@Table(name = "sm_secrets")
public class SecretRow extends PanacheEntityBase {

    @Id
    @Column(name = "secret_arn")
    public String secretArn;

    @Column(nullable = false)
    public String name;

    public String description;

    @Column(name = "key_id")
    public String keyId;

    /** A JSON object, tag key to value, in the order they were given. */
    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    public String tags;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_changed_at", nullable = false)
    public Instant lastChangedAt;

    @Column(name = "deletion_date")
    public Instant deletionDate;

    @Column(nullable = false)
    public boolean deleted;

    @Column(name = "last_position", nullable = false)
    public long lastPosition;
}
