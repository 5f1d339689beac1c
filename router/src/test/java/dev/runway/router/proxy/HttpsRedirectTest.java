package dev.runway.router.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class HttpsRedirectTest {

    private static final Predicate<String> CERTIFIED = Set.of("demo-0123abcd.localhost")::contains;

    @Test
    void shouldRedirectACertifiedHostKeepingPathAndQuery() {
        assertEquals(Optional.of("https://demo-0123abcd.localhost:8443/a/b?c=1"),
                HttpsRedirect.location("Demo-0123abcd.localhost:8080", "/a/b?c=1", 8443, CERTIFIED));
        assertEquals(Optional.of("https://demo-0123abcd.localhost/"),
                HttpsRedirect.location("demo-0123abcd.localhost", "/", 443, CERTIFIED), "no :443");
    }

    @Test
    void shouldServeOtherHostsAndAcmeChallengesOverHttp() {
        assertEquals(Optional.empty(), HttpsRedirect.location("other.localhost", "/", 8443, CERTIFIED));
        assertEquals(Optional.empty(), HttpsRedirect.location(null, "/", 8443, CERTIFIED));
        assertEquals(Optional.empty(), HttpsRedirect.location("demo-0123abcd.localhost",
                "/.well-known/acme-challenge/token", 8443, CERTIFIED));
    }
}
