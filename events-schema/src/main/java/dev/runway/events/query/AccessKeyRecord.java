package dev.runway.events.query;

import java.time.Instant;

/** An active access key as the registry lists it: never the secret. */
public record AccessKeyRecord(String accessKeyId, String userName, Instant createdAt) {
}
