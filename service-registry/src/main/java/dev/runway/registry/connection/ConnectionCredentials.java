package dev.runway.registry.connection;

import dev.runway.events.event.ConnectionEvent;
import dev.runway.events.query.ConnectionSecrets;
import dev.runway.registry.credentials.SecretCipher;
import dev.runway.registry.service.Rejection;
import dev.runway.registry.store.StreamWriter;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Connection credentials. The handshake does not travel on runway.commands (a token on a Kafka
 * topic could not be taken back): the api-gateway hands it to the registry's internal endpoint,
 * which decides, appends {@code ConnectionHandshakeCompleted} and stores the token encrypted, in
 * one transaction, like access keys. The first handshake also makes the connection's push webhook
 * secret; a later one (a new token) keeps it, so the Git host's webhook stays valid.
 */
@ApplicationScoped
public class ConnectionCredentials {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A completed handshake: the connection and its webhook secret (the only answer that carries it). */
    public record Completed(ConnectionView connection, String webhookSecret) {
        @Override
        public String toString() {
            return "Completed[" + connection.connectionArn + ", secret hidden]";
        }
    }

    private final StreamWriter writer;
    private final SecretCipher cipher;

    public ConnectionCredentials(StreamWriter writer, SecretCipher cipher) {
        this.writer = writer;
        this.cipher = cipher;
    }

    /** The connection named by ARN or name (live) gets {@code token}; it becomes AVAILABLE. */
    public Completed complete(String arnOrName, String token) throws Rejection {
        if (token == null || token.isBlank()) {
            throw new Rejection(Rejection.INVALID_REQUEST, "Give the access token of the Git host account (a GitHub"
                    + " or Bitbucket token that can read the repositories).");
        }
        ConnectionView view = live(arnOrName);
        if (view == null) {
            throw new Rejection(Rejection.NOT_FOUND, "No connection " + arnOrName
                    + " exists. list-connections shows the connections in this account and region.");
        }
        String arn = view.connectionArn;
        Completed done = writer.write(arn, ConnectionEvent.class, ConnectionDecider.FOLD,
                state -> ConnectionDecider.handshake(state, arn, Instant.now()), appended -> store(arn, token.strip()));
        Log.infof("connection %s handshake completed", arn);
        return done;
    }

    /** Stores the token encrypted beside the event; the first handshake also makes the webhook secret. */
    private Completed store(String arn, String token) {
        ConnectionSecret secret = ConnectionSecret.findById(arn);
        String webhookSecret;
        if (secret == null) {
            secret = new ConnectionSecret();
            secret.connectionArn = arn;
            byte[] fresh = new byte[20];
            RANDOM.nextBytes(fresh);
            webhookSecret = HexFormat.of().formatHex(fresh);
            secret.webhookSecretCiphertext = cipher.encrypt(arn, webhookSecret);
        } else {
            webhookSecret = cipher.decrypt(arn, secret.webhookSecretCiphertext);
        }
        secret.tokenCiphertext = cipher.encrypt(arn, token);
        secret.persist();
        return new Completed(ConnectionView.findById(arn), webhookSecret);
    }

    /** The token and webhook secret of a connection that completed its handshake. */
    public Optional<ConnectionSecrets> secrets(String arn) {
        return ConnectionSecret.<ConnectionSecret>findByIdOptional(arn).map(s -> new ConnectionSecrets(arn,
                cipher.decrypt(arn, s.tokenCiphertext), cipher.decrypt(arn, s.webhookSecretCiphertext)));
    }

    private static ConnectionView live(String arnOrName) {
        if (arnOrName.startsWith("arn:")) {
            ConnectionView v = ConnectionView.findById(arnOrName);
            return v == null || ConnectionDecider.DELETED.equals(v.status) ? null : v;
        }
        return ConnectionView.<ConnectionView>find("connectionName = ?1 and status <> 'DELETED'", arnOrName)
                .firstResult();
    }
}
