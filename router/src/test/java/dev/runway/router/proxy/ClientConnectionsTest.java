package dev.runway.router.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClientConnectionsTest {

    private static final long SECOND = 1_000_000_000L;
    private static final String CONNECTION = "c";

    private final List<String> closed = new ArrayList<>();
    private final AtomicInteger everyLoop = new AtomicInteger();
    private final ClientConnections<String> connections = new ClientConnections<>(everyLoop, 3, 10 * SECOND,
            closed::add);

    @Test
    void shouldCloseAConnectionWhoseFirstRequestHeadDoesNotArriveWithinTheTimeout() {
        connections.opened("slow", 0);
        assertEquals(0, connections.closeIdle(10 * SECOND));
        assertEquals(1, connections.closeIdle(10 * SECOND + 1));
        assertEquals(List.of("slow"), closed);
    }

    @Test
    void shouldNeverCloseAConnectionWithARequestInFlightAndRestartTheClockWhenItEnds() {
        connections.opened("busy", 0);
        ClientConnections.Tracked busy = connections.requestStarted("busy");
        assertEquals(0, connections.closeIdle(300 * SECOND));
        busy.requestEnded(300 * SECOND);
        assertEquals(0, connections.closeIdle(305 * SECOND));
        // kept alive, then its next request head trickles: closed after the timeout
        assertEquals(1, connections.closeIdle(311 * SECOND));
    }

    @Test
    void shouldCountPipelinedRequestsSoOneEndingLeavesTheOtherInFlight() {
        connections.opened(CONNECTION, 0);
        ClientConnections.Tracked first = connections.requestStarted(CONNECTION);
        connections.requestStarted(CONNECTION);
        first.requestEnded(SECOND);
        assertEquals(0, connections.closeIdle(100 * SECOND));
    }

    @Test
    void shouldCloseConnectionsBeyondTheCapSharedByEveryLoop() {
        ClientConnections<String> otherLoop = new ClientConnections<>(everyLoop, 3, 10 * SECOND, closed::add);
        assertTrue(connections.opened("one", 0));
        assertTrue(otherLoop.opened("two", 0));
        assertTrue(connections.opened("three", 0));
        assertFalse(otherLoop.opened("four", 0));
        assertEquals(List.of("four"), closed);
        assertEquals(3, everyLoop.get());
        otherLoop.closed("two");
        assertTrue(connections.opened("five", 0));
    }

    @Test
    void shouldForgetAClosedConnectionOnce() {
        connections.opened("one", 0);
        connections.closed("one");
        connections.closed("one");
        assertEquals(0, connections.size());
        assertEquals(0, everyLoop.get());
    }

    @Test
    void shouldIgnoreARequestOnAnUntrackedConnection() {
        assertNull(connections.requestStarted("nobody"));
    }
}
