package dev.runway.router.route;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostsTest {

    @Test
    void shouldLowerCaseAndStripThePort() {
        assertEquals(Optional.of("demo-0123abcd.localhost"), Hosts.normalize("Demo-0123ABCD.localhost:8080"));
        assertEquals(Optional.of("demo-0123abcd.localhost"), Hosts.normalize("demo-0123abcd.localhost"));
    }

    @Test
    void shouldIgnoreSurroundingSpaceAndATrailingDot() {
        assertEquals(Optional.of("demo.localhost"), Hosts.normalize("  demo.localhost.:80 "));
    }

    @Test
    void shouldKeepAnIpv6LiteralWhole() {
        assertEquals(Optional.of("[::1]"), Hosts.normalize("[::1]:8080"));
        assertEquals(Optional.of("[::1]"), Hosts.normalize("[::1]"));
    }

    @Test
    void shouldFindNoHostInNothing() {
        assertEquals(Optional.empty(), Hosts.normalize(null));
        assertEquals(Optional.empty(), Hosts.normalize(""));
        assertEquals(Optional.empty(), Hosts.normalize(":8080"));
    }

    @Test
    void shouldTakeTheHostOfAServiceUrl() {
        assertEquals(Optional.of("demo-0123abcd.localhost"), Hosts.fromServiceUrl("demo-0123abcd.localhost"));
        assertEquals(Optional.of("demo-0123abcd.localhost"), Hosts.fromServiceUrl("Demo-0123abcd.localhost:8080"));
        assertEquals(Optional.of("demo-0123abcd.localhost"),
                Hosts.fromServiceUrl("http://demo-0123abcd.localhost:8080/some/path"));
        assertEquals(Optional.empty(), Hosts.fromServiceUrl(null));
    }
}
