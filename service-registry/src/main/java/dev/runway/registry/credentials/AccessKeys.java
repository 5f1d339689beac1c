package dev.runway.registry.credentials;

import dev.runway.events.event.AccessKeyCreated;
import dev.runway.events.event.AccountEvent;
import dev.runway.events.query.AccessKeyRecord;
import dev.runway.events.query.AccessKeySecret;
import dev.runway.registry.config.RegistryConfig;
import dev.runway.registry.credentials.AccessKeyDecider.Command;
import dev.runway.registry.credentials.AccessKeyDecider.CreateAccessKey;
import dev.runway.registry.credentials.AccessKeyDecider.DeleteAccessKey;
import dev.runway.registry.service.Rejection;
import dev.runway.registry.store.EventStore.Recorded;
import dev.runway.registry.store.StreamWriter;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The account's access keys: creating and deleting one appends an event to the account's stream
 * through {@link StreamWriter} and keeps the {@code access_keys} table in step in the same
 * transaction; only that table holds the secrets, encrypted.
 */
@ApplicationScoped
public class AccessKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] KEY_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    /** A key just created: the only moment its secret is handed out. */
    public record Created(AccessKeyRecord key, String secretAccessKey) {
        @Override
        public String toString() {
            return "Created[" + key + ", secret hidden]";
        }
    }

    private final StreamWriter writer;
    private final SecretCipher cipher;
    private final String accountArn;

    public AccessKeys(RegistryConfig config, StreamWriter writer, SecretCipher cipher) {
        this.writer = writer;
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
        AccessKeyCreated created = write(new CreateAccessKey(accountArn, accessKeyId, userName), appended -> {
            Recorded r = appended.get(0);
            AccessKeyCreated event = (AccessKeyCreated) r.envelope().payload();
            AccessKeyRow row = new AccessKeyRow();
            row.accessKeyId = accessKeyId;
            row.userName = userName;
            row.secretCiphertext = cipher.encrypt(accessKeyId, secret);
            row.createdAt = event.createdAt();
            row.lastPosition = r.globalPosition();
            row.persist();
            return event;
        });
        Log.infof("access key %s created for user %s", accessKeyId, userName);
        return new Created(new AccessKeyRecord(accessKeyId, userName, created.createdAt()), secret);
    }

    public void delete(String accessKeyId) throws Rejection {
        write(new DeleteAccessKey(accountArn, accessKeyId), appended -> AccessKeyRow.deleteById(accessKeyId));
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

    /**
     * Appends what the decider decides to the account's stream. The {@code access_keys} row is kept
     * {@code alongside} the event, in its transaction, rather than by a projection: it holds the
     * encrypted secret, which is never in an event, so the log could not rebuild it.
     */
    private <R> R write(Command command, StreamWriter.Alongside<R> alongside) throws Rejection {
        return writer.write(accountArn, AccountEvent.class, AccessKeyDecider.FOLD,
                state -> List.of(AccessKeyDecider.decide(command, state, Instant.now())), alongside);
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
}
