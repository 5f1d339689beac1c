package dev.runway.registry.connection;

import dev.runway.events.Envelope;
import dev.runway.events.Topics;
import dev.runway.events.event.ConnectionEvent;
import dev.runway.events.query.ConnectionSecrets;
import dev.runway.events.wire.EnvelopeCodec;
import dev.runway.registry.credentials.SecretCipher;
import dev.runway.registry.messaging.OutboxRelay;
import dev.runway.registry.projection.Projector;
import dev.runway.registry.service.Rejection;
import dev.runway.registry.store.EventStore;
import dev.runway.registry.store.EventStore.Recorded;
import dev.runway.registry.store.OutboxMessage;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Connection credentials. The handshake does not travel on runway.commands (a token on a Kafka
 * topic could not be taken back): the api-gateway hands it to the registry's internal endpoint,
 * which decides, appends {@code ConnectionHandshakeCompleted} and stores the token encrypted, in
 * one transaction, like access keys. The first handshake also makes the connection's push webhook
 * secret; a later one (a new token) keeps it, so the Git host's webhook stays valid.
 */
@ApplicationScoped
public class ConnectionCredentials {

    static final String SOURCE = "service-registry";
    private static final int ATTEMPTS = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A completed handshake: the connection and its webhook secret (the only answer that carries it). */
    public record Completed(ConnectionView connection, String webhookSecret) {
        @Override
        public String toString() {
            return "Completed[" + connection.connectionArn + ", secret hidden]";
        }
    }

    private final EventStore store;
    private final Projector projector;
    private final OutboxRelay relay;
    private final SecretCipher cipher;

    public ConnectionCredentials(EventStore store, Projector projector, OutboxRelay relay, SecretCipher cipher) {
        this.store = store;
        this.projector = projector;
        this.relay = relay;
        this.cipher = cipher;
    }

    /** The connection named by ARN or name (live) gets {@code token}; it becomes AVAILABLE. */
    public Completed complete(String arnOrName, String token) throws Rejection {
        if (token == null || token.isBlank()) {
            throw new Rejection(Rejection.INVALID_REQUEST, "Give the access token of the Git host account (a GitHub"
                    + " or Bitbucket token that can read the repositories).");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                Completed done = QuarkusTransaction.requiringNew().call(() -> {
                    ConnectionView view = live(arnOrName);
                    if (view == null) {
                        throw new Refused(new Rejection(Rejection.NOT_FOUND, "No connection " + arnOrName
                                + " exists. list-connections shows the connections in this account and region."));
                    }
                    String arn = view.connectionArn;
                    ConnectionState state = load(arn);
                    List<ConnectionEvent> events;
                    try {
                        events = ConnectionDecider.handshake(state, arn, Instant.now());
                    } catch (Rejection r) {
                        throw new Refused(r);
                    }
                    List<Envelope> envelopes = events.stream()
                            .map(e -> Envelope.first(SOURCE, e, UUID.randomUUID())).toList();
                    for (Recorded r : store.append(arn, state.version(), envelopes)) {
                        projector.apply(r);
                        OutboxMessage out = new OutboxMessage();
                        out.topic = Topics.EVENTS;
                        out.messageKey = arn;
                        out.envelope = EnvelopeCodec.toJson(r.envelope());
                        out.createdAt = Instant.now();
                        out.persist();
                    }
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
                    secret.tokenCiphertext = cipher.encrypt(arn, token.strip());
                    secret.persist();
                    return new Completed(ConnectionView.findById(arn), webhookSecret);
                });
                relay.wake();
                Log.infof("connection %s handshake completed", done.connection().connectionArn);
                return done;
            } catch (Refused e) {
                throw e.rejection;
            } catch (PersistenceException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                Log.debugf("handshake of %s raced another change (attempt %d); retrying", arnOrName, attempt);
            }
        }
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

    private ConnectionState load(String arn) {
        ConnectionState state = ConnectionState.initial();
        for (Recorded r : store.load(arn)) {
            state = ConnectionDecider.evolve(state, (ConnectionEvent) r.envelope().payload());
        }
        return state;
    }

    /** Carries a rejection out of the transaction (which it rolls back). */
    private static final class Refused extends RuntimeException {
        final Rejection rejection;

        Refused(Rejection rejection) {
            super(rejection.getMessage(), null, false, false);
            this.rejection = rejection;
        }
    }
}
