package dev.runway.deployworker.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortAllocatorTest {

    private final PortRange range = new PortRange(20000, 20004);

    @Test
    void shouldTakeTheStartPortWhenFree() {
        assertEquals(OptionalInt.of(20002), PortAllocator.pick(range, Set.of(), 20002, port -> true));
    }

    @Test
    void shouldSkipPortsNamedByContainerLabels() {
        // given 20002 and 20003 are named by containers, when picking from 20002, then 20004
        assertEquals(OptionalInt.of(20004), PortAllocator.pick(range, Set.of(20002, 20003), 20002, port -> true));
    }

    @Test
    void shouldSkipPortsThatCannotBeBound() {
        assertEquals(OptionalInt.of(20003), PortAllocator.pick(range, Set.of(), 20002, port -> port != 20002));
    }

    @Test
    void shouldWrapAroundToTheStartOfTheRange() {
        assertEquals(OptionalInt.of(20000), PortAllocator.pick(range, Set.of(20004), 20004, port -> true));
    }

    @Test
    void shouldSayWhenTheRangeIsUsedUp() {
        assertEquals(OptionalInt.empty(),
                PortAllocator.pick(range, Set.of(20000, 20001, 20002), 20000, port -> port < 20003));
    }

    @Test
    void shouldStartAtTheBeginningWhenTheStartIsOutsideTheRange() {
        assertEquals(OptionalInt.of(20000), PortAllocator.pick(range, Set.of(), 1, port -> true));
    }

    @Test
    void shouldReadAPortRange() {
        assertEquals(new PortRange(20000, 29999), PortRange.parse("20000-29999"));
        assertEquals(new PortRange(30000, 30000), PortRange.parse(" 30000 - 30000 "));
        assertEquals(10000, PortRange.parse("20000-29999").size());
        assertThrows(IllegalArgumentException.class, () -> PortRange.parse("20000"));
        assertThrows(IllegalArgumentException.class, () -> PortRange.parse("29999-20000"));
        assertThrows(IllegalArgumentException.class, () -> PortRange.parse("0-10"));
        assertThrows(IllegalArgumentException.class, () -> PortRange.parse("a-b"));
    }

    @Test
    void shouldSeeAPortInUseOnLoopbackAsNotBindable() throws IOException {
        // given something listens on a loopback port
        try (var socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = socket.getLocalPort();
            // when / then
            assertEquals(false, PortAllocator.bindableOnLoopback(port));
        }
        // and a port nobody holds is bindable (the one just released, most likely)
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = socket.getLocalPort();
            socket.close();
            assertTrue(PortAllocator.bindableOnLoopback(port));
        }
    }

    @Test
    void shouldNotHandOutOnePortTwiceBeforeAnyContainerNamesIt() {
        // given two rollouts side by side that see the same containers and start their search at one place
        var allocator = new PortAllocator(range, port -> true, () -> 0L);
        // when both ask before either container exists
        int first = allocator.next(Set.of()).getAsInt();
        int second = allocator.next(Set.of()).getAsInt();
        // then they get different ports
        assertEquals(20000, first);
        assertEquals(20001, second);
    }
}
