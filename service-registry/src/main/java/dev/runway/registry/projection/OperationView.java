package dev.runway.registry.projection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The read model of one operation, for ListOperations. */
@Entity
@Table(name = "operation_view")
public class OperationView extends PanacheEntityBase {

    @Id
    @Column(name = "operation_id")
    public UUID operationId;

    @Column(name = "service_arn", nullable = false)
    public String serviceArn;

    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public String status;

    @Column(name = "status_message")
    public String statusMessage;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "last_position", nullable = false)
    public long lastPosition;
}
