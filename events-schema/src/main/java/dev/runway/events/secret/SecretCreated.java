package dev.runway.events.secret;

import dev.runway.events.model.Tag;
import java.time.Instant;
import java.util.List;

/** A secret exists (without a value until its first {@link SecretValuePut}). */
public record SecretCreated(String secretArn, String name, String description, String keyId, List<Tag> tags,
        Instant at) implements SecretEvent {

    public SecretCreated {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
