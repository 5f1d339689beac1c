package dev.runway.events.secret;

import java.time.Instant;

/** RestoreSecret cancelled a scheduled deletion. */
public record SecretRestored(String secretArn, Instant at) implements SecretEvent {
}
