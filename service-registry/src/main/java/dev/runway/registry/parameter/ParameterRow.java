package dev.runway.registry.parameter;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

/** A live parameter: its name, ARN, newest version and tags. Rebuilt from events at will. */
@Entity
@Table(name = "ssm_parameters")
public class ParameterRow extends PanacheEntityBase {

    @Id
    public String name;

    @Column(name = "parameter_arn", nullable = false)
    public String parameterArn;

    @Column(nullable = false)
    public long version;

    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    public String tags;

    @Column(name = "last_position", nullable = false)
    public long lastPosition;
}
