package dev.runway.registry.projection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/** The read model of one service: what Describe and List answer from. Rebuilt from events at will. */
@Entity
@Table(name = "service_view")
public class ServiceView extends PanacheEntityBase {

    @Id
    @Column(name = "service_arn")
    public String serviceArn;

    @Column(name = "service_id", nullable = false)
    public String serviceId;

    @Column(name = "service_name", nullable = false)
    public String serviceName;

    @Column(name = "service_url", nullable = false)
    public String serviceUrl;

    @Column(nullable = false)
    public String status;

    @Column(name = "status_message")
    public String statusMessage;

    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    public String configuration;

    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    public String tags;

    @Column(name = "active_revision")
    public Integer activeRevision;

    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    public String endpoints;

    /** The split between revisions (Runway.UpdateTraffic, a list of RevisionTraffic); null or [] when none. */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String traffic;

    /** A gradual rollout under way (a RouteSnapshot.Rollout); null when none is. */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String rollout;

    /** Instances the active revision should run (a deployment's count, then the last scaling decision). */
    @Column(name = "desired_instances")
    public Integer desiredInstances;

    @Column(name = "min_size")
    public Integer minSize;

    @Column(name = "max_size")
    public Integer maxSize;

    @Column(name = "max_concurrency")
    public Integer maxConcurrency;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    @Column(name = "stream_version", nullable = false)
    public long streamVersion;

    @Column(name = "last_position", nullable = false)
    public long lastPosition;

    public static boolean nameInUse(String name) {
        return count("serviceName = ?1 and status <> 'DELETED'", name) > 0;
    }
}
