package dev.runway.registry.connection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/** The read model of one connection, for ListConnections. Rebuilt from events at will. */
@Entity
@Table(name = "connection_view")
public class ConnectionView extends PanacheEntityBase {

    @Id
    @Column(name = "connection_arn")
    public String connectionArn;

    @Column(name = "connection_name", nullable = false)
    public String connectionName;

    @Column(name = "provider_type", nullable = false)
    public String providerType;

    @Column(nullable = false)
    public String status;

    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    public String tags;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_position", nullable = false)
    public long lastPosition;

    public static boolean nameInUse(String name) {
        return count("connectionName = ?1 and status <> 'DELETED'", name) > 0;
    }

    public static long live() {
        return count("status <> 'DELETED'");
    }
}
