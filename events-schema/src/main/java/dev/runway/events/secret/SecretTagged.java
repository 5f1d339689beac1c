package dev.runway.events.secret;

import dev.runway.events.model.Tag;
import java.time.Instant;
import java.util.List;

/** TagResource on a secret: these tags are added or replace those with the same keys. */
public record SecretTagged(String secretArn, List<Tag> tags, Instant at) implements SecretEvent {

    public SecretTagged {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
