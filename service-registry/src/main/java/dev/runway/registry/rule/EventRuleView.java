package dev.runway.registry.rule;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/** The read model of one live event rule with its targets, for the gateway's rules and delivery. */
@Entity
@Table(name = "event_rule_view")
public class EventRuleView extends PanacheEntityBase {

    @Id
    @Column(name = "rule_arn")
    public String ruleArn;

    @Column(nullable = false)
    public String name;

    @Column(name = "event_pattern")
    public String eventPattern;

    @Column(nullable = false)
    public String state;

    public String description;

    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    public String targets;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "last_position", nullable = false)
    public long lastPosition;
}
