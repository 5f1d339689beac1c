package dev.runway.registry.parameter;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One version of a parameter (GetParameterHistory, {@code name:version} selectors); the value stays sealed. */
@Entity
@Table(name = "ssm_parameter_versions")
@IdClass(ParameterVersionRow.Key.class)
public class ParameterVersionRow extends PanacheEntityBase {

    /** The row's key: name and version. */
    public static class Key implements Serializable {
        public String name;
        public long version;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.name.equals(name) && k.version == version;
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, version);
        }
    }

    @Id
    public String name;

    @Id
    public long version;

    @Column(name = "parameter_arn", nullable = false)
    public String parameterArn;

    @Column(nullable = false)
    public String type;

    public String description;

    @Column(name = "allowed_pattern")
    public String allowedPattern;

    @Column(name = "data_type", nullable = false)
    public String dataType;

    @Column(name = "key_id")
    public String keyId;

    @Column(name = "value_ciphertext", nullable = false)
    public String valueCiphertext;

    @Column(name = "last_modified_at", nullable = false)
    public Instant lastModifiedAt;

    @Column(name = "last_modified_user")
    public String lastModifiedUser;

    @Override
    public String toString() {
        return "ParameterVersionRow[" + name + " v" + version + ", value sealed]";
    }
}
