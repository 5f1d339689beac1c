package dev.runway.events.secret;

import java.time.Instant;

/** UpdateSecret changed the description or the KMS key id (null: unchanged). */
public record SecretDescribed(String secretArn, String description, String keyId, Instant at) implements SecretEvent {
}
