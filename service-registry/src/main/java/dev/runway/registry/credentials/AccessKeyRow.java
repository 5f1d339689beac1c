package dev.runway.registry.credentials;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One active access key with its encrypted secret (table {@code access_keys}). */
@Entity
@Table(name = "access_keys")
public class AccessKeyRow extends PanacheEntityBase {

    @Id
    @Column(name = "access_key_id")
    public String accessKeyId;

    @Column(name = "user_name", nullable = false)
    public String userName;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "secret_ciphertext", nullable = false)
    public byte[] secretCiphertext;

    @Column(name = "last_position", nullable = false)
    public long lastPosition;

    @Override
    public String toString() {
        return "AccessKeyRow[" + accessKeyId + ", " + userName + "]";
    }
}
