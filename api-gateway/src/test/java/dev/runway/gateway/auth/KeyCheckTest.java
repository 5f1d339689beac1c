package dev.runway.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyCheckTest {

    private final KeyCheck check = new KeyCheck(id -> Optional.ofNullable(Map.of("AKIAGOOD", "s3cret").get(id)));

    @Test
    void shouldAcceptOnlyTheKeysOwnSecret() {
        assertEquals(KeyCheck.Outcome.ACCEPTED, check.check("AKIAGOOD", "s3cret"));
        assertEquals(KeyCheck.Outcome.ACCEPTED, check.check(" AKIAGOOD ", "s3cret"));
        assertEquals(KeyCheck.Outcome.REFUSED, check.check("AKIAGOOD", "s3cre"));
        assertEquals(KeyCheck.Outcome.REFUSED, check.check("AKIAGONE", "s3cret"));
        assertEquals(KeyCheck.Outcome.REFUSED, check.check("", ""));
        assertEquals(KeyCheck.Outcome.REFUSED, check.active("AKIAGONE"));
    }

    @Test
    void shouldSayWhenTheRegistryCannotBeAsked() {
        KeyCheck down = new KeyCheck(id -> {
            throw new SecretLookup.CredentialsUnavailable("down", null);
        });
        assertEquals(KeyCheck.Outcome.UNAVAILABLE, down.check("AKIAGOOD", "s3cret"));
        assertEquals(KeyCheck.Outcome.UNAVAILABLE, down.active("AKIAGOOD"));
    }
}
