package dev.runway.registry.secrets;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import org.hibernate.annotations.ColumnTransformer;

/** One version of a secret with its staging labels; the value stays sealed. */
@Entity
@Table(name = "sm_secret_versions")
@IdClass(SecretVersionRow.Key.class)
public class SecretVersionRow extends PanacheEntityBase {

    /** The row's key: the secret's ARN and the version id. */
    public static class Key implements Serializable {
        public String secretArn;
        public String versionId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.secretArn.equals(secretArn) && k.versionId.equals(versionId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(secretArn, versionId);
        }
    }

    @Id
    @Column(name = "secret_arn")
    public String secretArn;

    @Id
    @Column(name = "version_id")
    public String versionId;

    @Column(name = "value_ciphertext", nullable = false)
    public String valueCiphertext;

    @Column(name = "is_binary", nullable = false)
    public boolean binary;

    /** A JSON array of the version's staging labels (empty: deprecated). */
    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    public String stages;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Override
    public String toString() {
        return "SecretVersionRow[" + secretArn + " " + versionId + ", value sealed]";
    }
}
