package dev.runway.router.proxy;

import dev.runway.events.model.Endpoint;
import dev.runway.router.route.Route;
import dev.runway.router.route.RouteTable;
import io.vertx.core.Context;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The per-instance concurrency limit (the service's MaxConcurrency) and each service's bounded
 * wait queue, shared by every event loop.
 *
 * <p>A request gets a place on the least busy instance below the limit. When every instance is
 * full it waits in its service's queue; the queue holds what the instances the service may still
 * scale to will take ({@code (MaxSize - instances) × MaxConcurrency}) plus {@code queueSize}
 * more, so a request is refused (429) only beyond the service's configured capacity. Places free
 * up when a request ends ({@link #release}) or when instances are added ({@link #drainAll},
 * called periodically), and go to the waiters in arrival order.
 */
final class Admission {

    private final RouteTable routes;
    private final Outstanding outstanding;
    private final ProxySettings settings;
    private final AtomicInteger rotation;
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();

    Admission(RouteTable routes, Outstanding outstanding, ProxySettings settings, AtomicInteger rotation) {
        this.routes = routes;
        this.outstanding = outstanding;
        this.settings = settings;
        this.rotation = rotation;
    }

    /** The outcome of asking for a place. */
    sealed interface Ticket {
    }

    /** A place on an endpoint, held until released. */
    record Admitted(Outstanding.Lease lease) implements Ticket {
    }

    /** Every instance is full; the waiter is called on its context when a place frees up. */
    record Queued(Waiter waiter) implements Ticket {
    }

    /** Every instance is full and so is the queue. */
    record Refused(int instances, int maxConcurrency, int waiting) implements Ticket {
    }

    /** The per-instance limit that applies to a route. */
    int limitOf(Route route) {
        return route.maxConcurrency() > 0 ? route.maxConcurrency() : settings.defaultMaxConcurrency();
    }

    /**
     * A place for one request on one of {@code route}'s endpoints not in {@code tried}, a place in
     * the queue, or a refusal. {@code onAdmit} receives the lease on {@code context} when queued;
     * it receives null when the service lost its endpoints meanwhile (the caller resolves again).
     */
    Ticket admit(Route route, Set<Endpoint> tried, Context context, Consumer<Outstanding.Lease> onAdmit) {
        Gate gate = gates.computeIfAbsent(route.serviceArn(), Gate::new);
        synchronized (gate) {
            Outstanding.Lease lease = gate.waiting.isEmpty() ? place(route, tried) : null;
            if (lease != null) {
                return new Admitted(lease);
            }
            int limit = limitOf(route);
            int maxSize = route.maxSize() > 0 ? route.maxSize() : settings.defaultMaxSize();
            long growth = (long) Math.max(0, maxSize - route.endpoints().size()) * limit;
            long bound = growth + settings.queueSize();
            if (gate.waiting.size() >= bound) {
                return new Refused(route.endpoints().size(), limit, gate.waiting.size());
            }
            Waiter waiter = new Waiter(gate, tried, context, onAdmit);
            gate.waiting.addLast(waiter);
            gate.waitingCount = gate.waiting.size();
            // A release that came between the look for a place and now saw no waiter and skipped
            // the queue (release reads waitingCount without the monitor): look once more.
            handOutPlaces(gate);
            return new Queued(waiter);
        }
    }

    /** Gives a place back and hands it to the service's first waiter, if any. */
    void release(Outstanding.Lease lease, String serviceArn) {
        lease.release();
        Gate gate = gates.get(serviceArn);
        if (gate != null && gate.waitingCount > 0) {
            drain(gate);
        }
    }

    /** Admits waiters wherever places exist now (instances were added, or a service went away). */
    void drainAll() {
        for (Gate gate : gates.values()) {
            drain(gate);
        }
        gates.values().removeIf(gate -> {
            synchronized (gate) {
                return gate.waiting.isEmpty() && routes.routeOf(gate.serviceArn).isEmpty();
            }
        });
    }

    /**
     * Each cold service's held requests to {@code coldStart} (which wakes it when needed), and
     * forgets the asks of services no longer cold.
     */
    void wakeCold(ColdStart coldStart, long nowNanos) {
        for (Gate gate : gates.values()) {
            Optional<Route> route = routes.routeOf(gate.serviceArn);
            int held;
            synchronized (gate) {
                held = gate.waiting.size();
            }
            if (route.isPresent() && route.get().cold() && held > 0) {
                Route r = route.get();
                coldStart.held(r, held, limitOf(r), r.maxSize() > 0 ? r.maxSize() : settings.defaultMaxSize(),
                        nowNanos);
            } else {
                coldStart.warm(gate.serviceArn);
            }
        }
    }

    /** Requests waiting for a place, over every service. */
    int waiting() {
        return gates.values().stream().mapToInt(g -> {
            synchronized (g) {
                return g.waiting.size();
            }
        }).sum();
    }

    /** Requests waiting for a place in one service's queue. */
    int waiting(String serviceArn) {
        Gate gate = gates.get(serviceArn);
        if (gate == null) {
            return 0;
        }
        synchronized (gate) {
            return gate.waiting.size();
        }
    }

    private void drain(Gate gate) {
        synchronized (gate) {
            handOutPlaces(gate);
        }
    }

    /** Gives the free places to the waiters in arrival order; caller holds the gate. */
    private void handOutPlaces(Gate gate) {
        while (!gate.waiting.isEmpty()) {
            Waiter first = gate.waiting.peekFirst();
            Optional<Route> route = routes.routeOf(gate.serviceArn);
            if (route.isPresent() && route.get().cold()) {
                break; // held for a cold start: the instances it wakes bring the places
            }
            if (route.isEmpty() || !route.get().hasEndpoints()) {
                // Nothing to wait for any more: let the request resolve again (404 or 503).
                gate.waiting.pollFirst();
                first.hand(null);
                continue;
            }
            Outstanding.Lease lease = place(route.get(), first.tried);
            if (lease == null) {
                break;
            }
            gate.waiting.pollFirst();
            first.hand(lease);
        }
        gate.waitingCount = gate.waiting.size();
    }

    /** The least busy endpoint below the limit, counted as taken, or null; caller holds the gate. */
    private Outstanding.Lease place(Route route, Set<Endpoint> tried) {
        Endpoint chosen = UpstreamChoice.leastOutstandingBelow(route.endpoints(), outstanding::of, limitOf(route),
                tried, rotation.getAndIncrement());
        return chosen == null ? null : outstanding.acquire(chosen);
    }

    /** One service's queue; its monitor guards the check-and-take of places on its endpoints. */
    private static final class Gate {
        final String serviceArn;
        final Deque<Waiter> waiting = new ArrayDeque<>();
        /** waiting.size() as of the last change, readable without the monitor: release skips an empty queue. */
        volatile int waitingCount;

        Gate(String serviceArn) {
            this.serviceArn = serviceArn;
        }
    }

    /** A request waiting for a place. Settled exactly once: admitted, or cancelled. */
    static final class Waiter {
        private final Gate gate;
        private final Set<Endpoint> tried;
        private final Context context;
        private final Consumer<Outstanding.Lease> onAdmit;
        private final AtomicBoolean settled = new AtomicBoolean();

        private Waiter(Gate gate, Set<Endpoint> tried, Context context, Consumer<Outstanding.Lease> onAdmit) {
            this.gate = gate;
            this.tried = Set.copyOf(tried);
            this.context = context;
            this.onAdmit = onAdmit;
        }

        /** Leaves the queue (timeout, client gone); false when a place was handed over already. */
        boolean cancel() {
            if (!settled.compareAndSet(false, true)) {
                return false;
            }
            synchronized (gate) {
                gate.waiting.remove(this);
                gate.waitingCount = gate.waiting.size();
            }
            return true;
        }

        private void hand(Outstanding.Lease lease) {
            if (!settled.compareAndSet(false, true)) {
                if (lease != null) {
                    lease.release();
                }
                return;
            }
            context.runOnContext(v -> onAdmit.accept(lease));
        }
    }
}
