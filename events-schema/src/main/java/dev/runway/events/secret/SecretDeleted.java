package dev.runway.events.secret;

import java.time.Instant;

/** DeleteSecret without recovery: the secret and its versions are gone; its name may be used again. */
public record SecretDeleted(String secretArn, Instant at) implements SecretEvent {
}
