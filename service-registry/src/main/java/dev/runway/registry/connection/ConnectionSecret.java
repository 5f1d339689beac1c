package dev.runway.registry.connection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A connection's Git host token and push webhook secret, encrypted with the registry's credentials
 * key (AES-GCM, the connection ARN as associated data): stored beside the event log, never in it,
 * so credentials neither reach runway.events nor survive the connection's deletion.
 */
@Entity
@Table(name = "connection_secrets")
public class ConnectionSecret extends PanacheEntityBase {

    @Id
    @Column(name = "connection_arn")
    public String connectionArn;

    @Column(name = "token_ciphertext", nullable = false)
    public byte[] tokenCiphertext;

    @Column(name = "webhook_secret_ciphertext", nullable = false)
    public byte[] webhookSecretCiphertext;

    @Override
    public String toString() {
        return "ConnectionSecret[" + connectionArn + ", secrets hidden]";
    }
}
