package dev.runway.deployworker.rollout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;

/**
 * Gives each new instance a port: in the configured range, not named by any container's
 * {@code dev.runway.port} label, and bindable on 127.0.0.1 right now. The search starts at a
 * random place so that two workers rarely race for the same port. Rollouts of different services
 * run side by side in one worker, so a port handed out is also held back for {@link #HELD} (its
 * container and forwarder are made well within that): two of them never get the same port between
 * the choice and the bind.
 */
class PortAllocator {

    static final long HELD = 60_000_000_000L;

    private final PortRange range;
    private final IntPredicate bindable;
    private final RandomGenerator random;
    /** Ports handed out recently, with when (System.nanoTime); guarded by this. */
    private final Map<Integer, Long> handedOut = new HashMap<>();

    PortAllocator(PortRange range, IntPredicate bindable, RandomGenerator random) {
        this.range = range;
        this.bindable = bindable;
        this.random = random;
    }

    /** A port on the real loopback interface. */
    static PortAllocator onLoopback(PortRange range, RandomGenerator random) {
        return new PortAllocator(range, PortAllocator::bindableOnLoopback, random);
    }

    PortRange range() {
        return range;
    }

    /** A free port, or empty when the range is used up. */
    synchronized OptionalInt next(Set<Integer> taken) {
        long now = System.nanoTime();
        handedOut.values().removeIf(at -> now - at > HELD);
        var unavailable = new HashSet<>(taken);
        unavailable.addAll(handedOut.keySet());
        OptionalInt port = pick(range, unavailable, range.first() + random.nextInt(range.size()), bindable);
        port.ifPresent(p -> handedOut.put(p, now));
        return port;
    }

    /**
     * The first port from {@code start} onwards (wrapping around the range) that is neither taken
     * nor refused by {@code bindable}.
     */
    static OptionalInt pick(PortRange range, Set<Integer> taken, int start, IntPredicate bindable) {
        int offset = range.contains(start) ? start - range.first() : 0;
        for (int i = 0; i < range.size(); i++) {
            int port = range.first() + (offset + i) % range.size();
            if (!taken.contains(port) && bindable.test(port)) {
                return OptionalInt.of(port);
            }
        }
        return OptionalInt.empty();
    }

    /** Whether nothing listens on 127.0.0.1:port (or on every interface at that port) right now. */
    static boolean bindableOnLoopback(int port) {
        try (var socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
