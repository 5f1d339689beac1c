package dev.runway.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runway.events.query.AccessKeySecret;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The gateway's memory of access keys, on a fake clock: short-lived, and sturdy while the registry is away. */
class CredentialCacheTest {

    final Map<String, String> registry = new HashMap<>();
    final AtomicLong clock = new AtomicLong();
    final AtomicInteger asked = new AtomicInteger();
    boolean registryDown;

    final CredentialCache cache = new CredentialCache(id -> {
        asked.incrementAndGet();
        if (registryDown) {
            throw new IOException("connection refused");
        }
        return Optional.ofNullable(registry.get(id)).map(s -> new AccessKeySecret(id, s));
    }, Duration.ofSeconds(5), clock::get);

    void advance(Duration d) {
        clock.addAndGet(d.toNanos());
    }

    @Test
    void shouldForgetADeletedKeyWithinTheTtl() throws Exception {
        registry.put("AKIA1", "s1");
        assertEquals(Optional.of("s1"), cache.secretFor("AKIA1"));
        registry.remove("AKIA1");
        advance(Duration.ofSeconds(4));
        assertEquals(Optional.of("s1"), cache.secretFor("AKIA1"), "still cached");
        advance(Duration.ofSeconds(2));
        assertEquals(Optional.empty(), cache.secretFor("AKIA1"), "gone after the TTL");
        assertEquals(2, asked.get());
    }

    @Test
    void shouldRememberAnUnknownKeyForOneSecondOnly() throws Exception {
        assertEquals(Optional.empty(), cache.secretFor("AKIA2"));
        assertEquals(Optional.empty(), cache.secretFor("AKIA2"));
        assertEquals(1, asked.get());
        registry.put("AKIA2", "s2");
        advance(Duration.ofMillis(1100));
        assertEquals(Optional.of("s2"), cache.secretFor("AKIA2"), "a key created just now works a second later");
    }

    @Test
    void shouldKeepAKnownKeyWorkingWhileTheRegistryIsDown() throws Exception {
        registry.put("AKIA3", "s3");
        cache.secretFor("AKIA3");
        registryDown = true;
        advance(Duration.ofSeconds(30));
        assertEquals(Optional.of("s3"), cache.secretFor("AKIA3"));
        assertThrows(SecretLookup.CredentialsUnavailable.class, () -> cache.secretFor("AKIA4"));
    }
}
