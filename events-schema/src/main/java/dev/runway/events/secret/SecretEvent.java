package dev.runway.events.secret;

import dev.runway.events.Message;

/**
 * A fact about a Secrets Manager secret, appended by the service-registry to the secret's stream
 * (its ARN, with AWS's random suffix). A value travels only as ciphertext under the registry's
 * credentials key.
 */
public sealed interface SecretEvent extends Message permits SecretCreated, SecretValuePut, SecretDescribed,
        SecretDeletionScheduled, SecretRestored, SecretDeleted, SecretTagged, SecretUntagged {

    String secretArn();

    @Override
    default String resourceArn() {
        return secretArn();
    }
}
