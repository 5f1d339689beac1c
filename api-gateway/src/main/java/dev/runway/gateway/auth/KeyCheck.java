package dev.runway.gateway.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Checks an access key id and secret typed into the web console against the registry's keys,
 * through the same {@link CredentialCache} SigV4 verification uses (so a deleted key stops
 * working in the console within the same few seconds). The secret is compared in constant time
 * and never kept.
 */
@ApplicationScoped
public class KeyCheck {

    /** How a check ended. */
    public enum Outcome { ACCEPTED, REFUSED, UNAVAILABLE }

    private final SecretLookup secrets;

    @Inject
    public KeyCheck(CredentialCache secrets) {
        this.secrets = secrets;
    }

    KeyCheck(SecretLookup secrets) {
        this.secrets = secrets;
    }

    /** Whether {@code secretAccessKey} is the secret of the active key {@code accessKeyId}. */
    public Outcome check(String accessKeyId, String secretAccessKey) {
        if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null || secretAccessKey.isEmpty()) {
            return Outcome.REFUSED;
        }
        try {
            Optional<String> secret = secrets.secretFor(accessKeyId.trim());
            return secret.isPresent() && MessageDigest.isEqual(secret.get().getBytes(StandardCharsets.UTF_8),
                    secretAccessKey.getBytes(StandardCharsets.UTF_8)) ? Outcome.ACCEPTED : Outcome.REFUSED;
        } catch (SecretLookup.CredentialsUnavailable e) {
            return Outcome.UNAVAILABLE;
        }
    }

    /** Whether the key is still active (a signed-in session ends when its key is deleted). */
    public Outcome active(String accessKeyId) {
        try {
            return secrets.secretFor(accessKeyId).isPresent() ? Outcome.ACCEPTED : Outcome.REFUSED;
        } catch (SecretLookup.CredentialsUnavailable e) {
            return Outcome.UNAVAILABLE;
        }
    }
}
