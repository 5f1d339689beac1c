package dev.runway.gateway.auth;

import java.util.Optional;

/** Where the verifier finds an access key's secret. */
public interface SecretLookup {

    /** The secret of an active key; empty for an unknown or deleted key. */
    Optional<String> secretFor(String accessKeyId) throws CredentialsUnavailable;

    /** The credential store cannot be asked right now (not: the key is unknown). */
    final class CredentialsUnavailable extends Exception {
        public CredentialsUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
