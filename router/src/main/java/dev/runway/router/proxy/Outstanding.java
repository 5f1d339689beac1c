package dev.runway.router.proxy;

import dev.runway.events.model.Endpoint;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests in flight per endpoint, shared by every event loop. An endpoint with nothing in
 * flight has no entry, so endpoints that went away leave nothing behind.
 */
final class Outstanding {

    private final Map<Endpoint, Integer> counts = new ConcurrentHashMap<>();

    int of(Endpoint endpoint) {
        return counts.getOrDefault(endpoint, 0);
    }

    /** Counts one more request to {@code endpoint}; the returned lease gives it back exactly once. */
    Lease acquire(Endpoint endpoint) {
        counts.merge(endpoint, 1, Integer::sum);
        return new Lease(endpoint);
    }

    int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** One request's place in the count. */
    final class Lease {
        private final Endpoint endpoint;
        private boolean released;

        private Lease(Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        Endpoint endpoint() {
            return endpoint;
        }

        /** Idempotent; called on every way a request can end. Always on the request's event loop. */
        void release() {
            if (!released) {
                released = true;
                counts.computeIfPresent(endpoint, (e, n) -> n <= 1 ? null : n - 1);
            }
        }
    }
}
