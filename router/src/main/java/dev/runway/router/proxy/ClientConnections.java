package dev.runway.router.proxy;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One event loop's client connections, against slowloris. A connection with no request in flight
 * for longer than the header timeout is closed: a first request head trickling in a byte at a
 * time, the next one on a kept-alive connection, or a connection simply left idle. The clock
 * starts when the socket is accepted ({@link GuardedHttpServer}), long before Vert.x itself sees
 * the connection. Connections beyond the cap, which every event loop shares, are closed as they
 * arrive. Event loop only, except the cap.
 *
 * @param <C> the connection: the Netty channel (anything in a unit test)
 */
final class ClientConnections<C> {

    /** One connection: its requests in flight and since when it has had none. */
    static final class Tracked {
        private int inFlight;
        private long idleSinceNanos;

        private Tracked(long now) {
            this.idleSinceNanos = now;
        }

        /** A request on this connection has ended (answered, failed or abandoned). */
        void requestEnded(long now) {
            if (--inFlight <= 0) {
                inFlight = 0;
                idleSinceNanos = now;
            }
        }
    }

    private final Map<C, Tracked> open = new IdentityHashMap<>();
    private final AtomicInteger everyLoop;
    private final int max;
    private final long timeoutNanos;
    private final Consumer<C> close;

    /**
     * @param everyLoop    connections open on every event loop together
     * @param max          the cap on {@code everyLoop}
     * @param timeoutNanos how long a connection may stay without a request in flight
     * @param close        closes a connection (whose close must then be reported to {@link #closed})
     */
    ClientConnections(AtomicInteger everyLoop, int max, long timeoutNanos, Consumer<C> close) {
        this.everyLoop = everyLoop;
        this.max = max;
        this.timeoutNanos = timeoutNanos;
        this.close = close;
    }

    /**
     * A connection was accepted. Over the cap it is closed at once and {@code false} is returned;
     * its close must not be reported to {@link #closed} then.
     */
    boolean opened(C connection, long now) {
        if (everyLoop.incrementAndGet() > max) {
            everyLoop.decrementAndGet();
            close.accept(connection);
            return false;
        }
        open.put(connection, new Tracked(now));
        return true;
    }

    /** A connection closed. */
    void closed(C connection) {
        if (open.remove(connection) != null) {
            everyLoop.decrementAndGet();
        }
    }

    /** A request head arrived on the connection; null when the connection is not tracked. */
    Tracked requestStarted(C connection) {
        Tracked tracked = open.get(connection);
        if (tracked != null) {
            tracked.inFlight++;
        }
        return tracked;
    }

    /** Closes every connection that has had no request in flight for longer than the timeout. */
    int closeIdle(long now) {
        List<C> idle = new ArrayList<>();
        for (Map.Entry<C, Tracked> entry : open.entrySet()) {
            Tracked t = entry.getValue();
            if (t.inFlight == 0 && now - t.idleSinceNanos > timeoutNanos) {
                idle.add(entry.getKey());
            }
        }
        // not while iterating: a close may report back at once
        idle.forEach(close);
        return idle.size();
    }

    /** Connections of this event loop. */
    int size() {
        return open.size();
    }
}
