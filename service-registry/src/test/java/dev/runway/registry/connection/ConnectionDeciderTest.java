package dev.runway.registry.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.command.CreateConnection;
import dev.runway.events.command.DeleteConnection;
import dev.runway.events.event.ConnectionCreated;
import dev.runway.events.event.ConnectionDeleted;
import dev.runway.events.event.ConnectionEvent;
import dev.runway.events.event.ConnectionHandshakeCompleted;
import dev.runway.events.model.Tag;
import dev.runway.registry.service.Rejection;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Connection aggregate: PENDING_HANDSHAKE, AVAILABLE, DELETED; given / when / then, no I/O. */
class ConnectionDeciderTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static final String ARN = "arn:aws:apprunner:us-east-1:000000000000:connection/gh/0123456789abcdef0123456789abcdef";
    static final ConnectionDecider.Facts FREE = new ConnectionDecider.Facts(NOW, false, 0, 10);

    static ConnectionState replay(List<ConnectionEvent> events) {
        ConnectionState s = ConnectionState.initial();
        for (ConnectionEvent e : events) {
            s = ConnectionDecider.FOLD.evolve(s, e);
        }
        return s;
    }

    static List<ConnectionEvent> created() throws Rejection {
        return ConnectionDecider.decide(new CreateConnection(ARN, "gh", "GITHUB", List.of(new Tag("team", "a"))),
                ConnectionState.initial(), FREE);
    }

    @Test
    void shouldWaitForItsHandshakeThenBecomeAvailable() throws Exception {
        List<ConnectionEvent> events = new java.util.ArrayList<>(created());
        ConnectionCreated c = assertInstanceOf(ConnectionCreated.class, events.get(0));
        assertEquals(List.of(new Tag("team", "a")), c.tags());
        assertEquals(ConnectionDecider.PENDING, replay(events).status());

        events.addAll(ConnectionDecider.handshake(replay(events), ARN, NOW));
        assertInstanceOf(ConnectionHandshakeCompleted.class, events.get(1));
        assertEquals(ConnectionDecider.AVAILABLE, replay(events).status());
        assertEquals(2, replay(events).version());

        // a second handshake (a new token) keeps it AVAILABLE
        events.addAll(ConnectionDecider.handshake(replay(events), ARN, NOW));
        assertEquals(ConnectionDecider.AVAILABLE, replay(events).status());
    }

    @Test
    void shouldRefuseATakenNameAndTheQuota() {
        Rejection taken = assertThrows(Rejection.class, () -> ConnectionDecider.decide(
                new CreateConnection(ARN, "gh", "GITHUB", List.of()), ConnectionState.initial(),
                new ConnectionDecider.Facts(NOW, true, 1, 10)));
        assertEquals(Rejection.INVALID_REQUEST, taken.errorType());
        assertTrue(taken.getMessage().contains("'gh'"), taken.getMessage());

        Rejection quota = assertThrows(Rejection.class, () -> ConnectionDecider.decide(
                new CreateConnection(ARN, "gh", "GITHUB", List.of()), ConnectionState.initial(),
                new ConnectionDecider.Facts(NOW, false, 3, 3)));
        assertEquals("ServiceQuotaExceededException", quota.errorType());
        assertTrue(quota.getMessage().contains("RUNWAY_QUOTA_CONNECTIONS=3"), quota.getMessage());
    }

    @Test
    void shouldDeleteOnceAndThenKnowNothingOfIt() throws Exception {
        List<ConnectionEvent> events = new java.util.ArrayList<>(created());
        events.addAll(ConnectionDecider.decide(new DeleteConnection(ARN), replay(events), FREE));
        assertInstanceOf(ConnectionDeleted.class, events.get(1));
        ConnectionState deleted = replay(events);
        assertEquals(ConnectionDecider.DELETED, deleted.status());

        assertEquals(Rejection.NOT_FOUND, assertThrows(Rejection.class,
                () -> ConnectionDecider.decide(new DeleteConnection(ARN), deleted, FREE)).errorType());
        assertEquals(Rejection.NOT_FOUND, assertThrows(Rejection.class,
                () -> ConnectionDecider.handshake(deleted, ARN, NOW)).errorType());
        assertEquals(Rejection.NOT_FOUND, assertThrows(Rejection.class,
                () -> ConnectionDecider.handshake(ConnectionState.initial(), ARN, NOW)).errorType());
    }
}
