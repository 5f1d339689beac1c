package dev.runway.registry.credentials;

import dev.runway.events.Envelope;
import dev.runway.events.Topics;
import dev.runway.events.event.AccessKeyCreated;
import dev.runway.events.event.AccountEvent;
import dev.runway.events.query.AccessKeyRecord;
import dev.runway.events.query.AccessKeySecret;
import dev.runway.events.wire.EnvelopeCodec;
import dev.runway.registry.config.RegistryConfig;
import dev.runway.registry.credentials.AccessKeyDecider.Command;
import dev.runway.registry.credentials.AccessKeyDecider.CreateAccessKey;
import dev.runway.registry.credentials.AccessKeyDecider.DeleteAccessKey;
import dev.runway.registry.credentials.AccessKeyDecider.State;
import dev.runway.registry.messaging.OutboxRelay;
import dev.runway.registry.service.Rejection;
import dev.runway.registry.store.EventStore;
import dev.runway.registry.store.EventStore.Recorded;
import dev.runway.registry.store.OutboxMessage;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.PersistenceException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The account's access keys: creating and deleting one appends an event to the account's stream
 * (through the event store and the outbox, like every other change) and keeps the
 * {@code access_keys} table in step in the same transaction; only that table holds the secrets,
 * encrypted. Two writers racing on the stream: the loser retries from fresh state.
 */
@ApplicationScoped
public class AccessKeys {

    static final String SOURCE = "service-registry";
    private static final int ATTEMPTS = 5;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] KEY_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    /** A key just created: the only moment its secret is handed out. */
    public record Created(AccessKeyRecord key, String secretAccessKey) {
        @Override
        public String toString() {
            return "Created[" + key + ", secret hidden]";
        }
    }

    private final EventStore store;
    private final OutboxRelay relay;
    private final SecretCipher cipher;
    private final String accountArn;

    public AccessKeys(RegistryConfig config, EventStore store, OutboxRelay relay, SecretCipher cipher) {
        this.store = store;
        this.relay = relay;
        this.cipher = cipher;
        this.accountArn = "arn:" + config.partition() + ":iam::" + config.accountId() + ":root";
    }

    /** Reads (or creates) the key file at start, so a bad one stops the registry instead of the first sign-in. */
    void onStart(@Observes StartupEvent ignored) {
        Log.infof("access keys are appended to stream %s; secrets encrypted at rest", accountArn);
    }

    public Created create(String userName) throws Rejection {
        String accessKeyId = newAccessKeyId();
        String secret = newSecret();
        Recorded recorded = decideAndAppend(new CreateAccessKey(accountArn, accessKeyId, userName), () -> {
            AccessKeyRow row = new AccessKeyRow();
            row.accessKeyId = accessKeyId;
            row.userName = userName;
            row.secretCiphertext = cipher.encrypt(accessKeyId, secret);
            return row;
        });
        AccessKeyCreated created = (AccessKeyCreated) recorded.envelope().payload();
        Log.infof("access key %s created for user %s", accessKeyId, userName);
        return new Created(new AccessKeyRecord(accessKeyId, userName, created.createdAt()), secret);
    }

    public void delete(String accessKeyId) throws Rejection {
        decideAndAppend(new DeleteAccessKey(accountArn, accessKeyId), null);
        Log.infof("access key %s deleted", accessKeyId);
    }

    public List<AccessKeyRecord> list() {
        return AccessKeyRow.<AccessKeyRow>listAll(Sort.by("createdAt").and("accessKeyId")).stream()
                .map(AccessKeys::toRecord).toList();
    }

    public Optional<AccessKeyRecord> find(String accessKeyId) {
        return AccessKeyRow.<AccessKeyRow>findByIdOptional(accessKeyId).map(AccessKeys::toRecord);
    }

    public Optional<AccessKeySecret> secret(String accessKeyId) {
        return AccessKeyRow.<AccessKeyRow>findByIdOptional(accessKeyId)
                .map(row -> new AccessKeySecret(row.accessKeyId, cipher.decrypt(row.accessKeyId, row.secretCiphertext)));
    }

    private interface RowFactory {
        AccessKeyRow row();
    }

    /** Decides, appends the event, updates {@code access_keys} and queues the event, in one transaction. */
    private Recorded decideAndAppend(Command command, RowFactory newRow) throws Rejection {
        for (int attempt = 1; ; attempt++) {
            try {
                Recorded recorded = QuarkusTransaction.requiringNew().call(() -> {
                    State state = load();
                    AccountEvent event;
                    try {
                        event = AccessKeyDecider.decide(command, state, Instant.now());
                    } catch (Rejection r) {
                        throw new Refused(r);
                    }
                    Recorded r = store.append(accountArn, state.version(),
                            List.of(Envelope.first(SOURCE, event, UUID.randomUUID()))).get(0);
                    if (newRow != null) {
                        AccessKeyRow row = newRow.row();
                        row.createdAt = ((AccessKeyCreated) event).createdAt();
                        row.lastPosition = r.globalPosition();
                        row.persist();
                    } else if (command instanceof DeleteAccessKey d) {
                        AccessKeyRow.deleteById(d.accessKeyId());
                    }
                    OutboxMessage out = new OutboxMessage();
                    out.topic = Topics.EVENTS;
                    out.messageKey = accountArn;
                    out.envelope = EnvelopeCodec.toJson(r.envelope());
                    out.createdAt = Instant.now();
                    out.persist();
                    return r;
                });
                relay.wake();
                return recorded;
            } catch (Refused e) {
                throw e.rejection;
            } catch (PersistenceException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                Log.debugf("%s raced another change of %s (attempt %d); retrying", command.getClass().getSimpleName(),
                        accountArn, attempt);
            }
        }
    }

    private State load() {
        State state = State.initial();
        for (Recorded r : store.load(accountArn)) {
            state = AccessKeyDecider.evolve(state, (AccountEvent) r.envelope().payload());
        }
        return state;
    }

    private static AccessKeyRecord toRecord(AccessKeyRow row) {
        return new AccessKeyRecord(row.accessKeyId, row.userName, row.createdAt);
    }

    /** AWS's shape: AKIA and 16 characters of the base32 alphabet. */
    static String newAccessKeyId() {
        StringBuilder id = new StringBuilder("AKIA");
        for (int i = 0; i < 16; i++) {
            id.append(KEY_ID_ALPHABET[RANDOM.nextInt(KEY_ID_ALPHABET.length)]);
        }
        return id.toString();
    }

    /** 40 characters of base64 from 240 random bits, like AWS's secret access keys. */
    static String newSecret() {
        byte[] bytes = new byte[30];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
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
