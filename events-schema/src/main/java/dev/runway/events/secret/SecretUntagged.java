package dev.runway.events.secret;

import java.time.Instant;
import java.util.List;

/** UntagResource on a secret: the tags with these keys are removed. */
public record SecretUntagged(String secretArn, List<String> tagKeys, Instant at) implements SecretEvent {

    public SecretUntagged {
        tagKeys = tagKeys == null ? List.of() : List.copyOf(tagKeys);
    }
}
