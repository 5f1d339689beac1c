package dev.runway.events.secret;

import java.time.Instant;

/** DeleteSecret with a recovery window: the secret is unreadable now and gone at {@code deletionDate}. */
public record SecretDeletionScheduled(String secretArn, Instant deletionDate, Instant at) implements SecretEvent {
}
