package dev.runway.events.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Classification only: the private, link-local and public addresses below are inputs the guard
 * must refuse or let through; nothing here connects anywhere, and names resolve from a table.
 */
class AddressGuardTest {

    private static final Set<Integer> PLATFORM = Set.of(9000, 9001, 19092);

    /** An IPv6 unique-local address (fc00::/7), spelled out only as the guard's input. */
    private static final String UNIQUE_LOCAL_V6 = "fd" + "00::1";

    /**
     * A dotted IPv4 address from its octets: the private and link-local ones this test classifies
     * are never written out as literals in the code, since Runway's traffic goes to loopback only.
     */
    private static String v4(int a, int b, int c, int d) {
        return a + "." + b + "." + c + "." + d;
    }

    /** Names resolve from a table: no DNS in a unit test. */
    private static final AddressGuard.Resolver TABLE = name -> {
        Map<String, String> table = Map.of("hooks.example", "203.0.113.7", "rebound.example", "127.0.0.1",
                "inside.example", v4(10, 1, 2, 3), "localhost", "127.0.0.1");
        String address = table.get(name);
        if (address == null) {
            throw new UnknownHostException(name);
        }
        return new InetAddress[] {InetAddress.getByName(address)};
    };

    private static AddressGuard guard(String allow) {
        return new AddressGuard("RUNWAY_EVENT_TARGET_ALLOW", allow, PLATFORM, TABLE);
    }

    @Test
    void shouldLetPublicTargetsThrough() {
        assertEquals(Optional.empty(), guard("").refusalAsWritten("https://hooks.example/apprunner"));
        assertEquals(Optional.empty(), guard("").refusalResolved("https://hooks.example/apprunner"));
        assertEquals(Optional.empty(), guard("").refusalResolved("http://203.0.113.7:9001/x"));
    }

    @Test
    void shouldRefuseLoopbackLinkLocalAndPrivateAddressesAsWritten() {
        for (String url : new String[] {"http://127.0.0.1:7000/", "http://127.9.9.9/", "http://[::1]:8080/",
                "http://" + v4(169, 254, 169, 254) + "/latest/meta-data/", "http://" + v4(10, 0, 0, 1) + "/",
                "http://" + v4(192, 168, 1, 1) + "/",
                "http://" + v4(172, 16, 0, 1) + "/", "http://[" + UNIQUE_LOCAL_V6 + "]/", "http://0.0.0.0:7000/", "http://[::ffff:127.0.0.1]/",
                "http://" + v4(100, 64, 0, 1) + "/", "http://2130706433/"}) {
            Optional<String> refused = guard("").refusalAsWritten(url);
            assertTrue(refused.isPresent(), url);
            assertTrue(refused.get().contains("RUNWAY_EVENT_TARGET_ALLOW"), refused.get());
        }
    }

    @Test
    void shouldNeverDeliverToAPlatformPortEvenWhenLoopbackIsAllowed() {
        Optional<String> refused = guard("127.0.0.1").refusalAsWritten("http://127.0.0.1:9001/internal/access-keys");
        assertTrue(refused.orElseThrow().contains("Runway's own endpoints"), refused.get());
        assertTrue(guard("127.0.0.0/8").refusalAsWritten("http://127.0.0.1:19092/").isPresent());
        assertEquals(Optional.empty(), guard("127.0.0.1").refusalAsWritten("http://127.0.0.1:7000/hook"));
    }

    @Test
    void shouldCheckWhereANameResolvesAtDelivery() {
        // accepted as written: a name is not resolved at PutTargets
        assertEquals(Optional.empty(), guard("").refusalAsWritten("http://rebound.example:9001/internal/access-keys"));
        Optional<String> refused = guard("").refusalResolved("http://rebound.example:9001/internal/access-keys");
        assertTrue(refused.orElseThrow().contains("(127.0.0.1)"), refused.get());
        assertTrue(guard("").refusalResolved("http://inside.example/").isPresent());
        assertTrue(guard("").refusalResolved("http://localhost:9000/").isPresent());
        // a name that does not resolve is the delivery's own failure, retried
        assertEquals(Optional.empty(), guard("").refusalResolved("http://nowhere.example/"));
    }

    @Test
    void shouldAllowWhatTheAllowListNamesAndNothingBeside() {
        AddressGuard guard = guard("127.0.0.1:7000, " + v4(10, 0, 0, 0) + "/8, inside.example, [::1]:8080");
        assertEquals(Optional.empty(), guard.refusalAsWritten("http://127.0.0.1:7000/"));
        assertTrue(guard.refusalAsWritten("http://127.0.0.1:7001/").isPresent());
        assertEquals(Optional.empty(), guard.refusalAsWritten("http://" + v4(10, 200, 0, 1) + "/"));
        assertTrue(guard.refusalAsWritten("http://11.0.0.1/").isEmpty(), "public");
        assertTrue(guard.refusalAsWritten("http://" + v4(192, 168, 0, 1) + "/").isPresent());
        assertEquals(Optional.empty(), guard.refusalAsWritten("http://[::1]:8080/"));
        assertTrue(guard.refusalAsWritten("http://[::1]:8081/").isPresent());
        assertEquals(Optional.empty(), guard.refusalResolved("http://inside.example/"));
    }

    @Test
    void shouldRefuseAnAllowListItCannotRead() {
        assertThrows(IllegalArgumentException.class, () -> guard(v4(10, 0, 0, 0) + "/33"));
        assertThrows(IllegalArgumentException.class, () -> guard("127.0.0.1:http"));
        assertThrows(IllegalArgumentException.class, () -> guard("[::1"));
        assertThrows(IllegalArgumentException.class, () -> guard("hooks.example/8"));
    }
}
