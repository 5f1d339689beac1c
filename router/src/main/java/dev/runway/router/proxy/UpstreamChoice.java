package dev.runway.router.proxy;

import dev.runway.events.model.Endpoint;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;

/** Choosing the upstream: one plain function, no state of its own. */
public final class UpstreamChoice {

    /**
     * The endpoint with the fewest requests in flight. Ties go to the first one found scanning
     * from {@code start} (modulo the list size), so a caller that passes a rotating number spreads
     * equal load round-robin.
     *
     * @param endpoints   the ready endpoints of the service
     * @param outstanding requests currently in flight to an endpoint
     * @param start       where the scan begins; any int, negative ones included
     * @return the chosen endpoint, or empty when there is none
     */
    public static Optional<Endpoint> leastOutstanding(List<Endpoint> endpoints,
            ToIntFunction<Endpoint> outstanding, int start) {
        return Optional.ofNullable(leastOutstandingBelow(endpoints, outstanding, Integer.MAX_VALUE, Set.of(), start));
    }

    /**
     * Like {@link #leastOutstanding}, among the endpoints not in {@code excluded} with fewer than
     * {@code limit} requests in flight; null when there is none. A plain loop: it runs for every
     * request.
     */
    public static Endpoint leastOutstandingBelow(List<Endpoint> endpoints, ToIntFunction<Endpoint> outstanding,
            int limit, Set<Endpoint> excluded, int start) {
        int size = endpoints.size();
        if (size == 0) {
            return null;
        }
        int first = Math.floorMod(start, size);
        Endpoint best = null;
        int bestLoad = limit;
        for (int i = 0; i < size; i++) {
            Endpoint candidate = endpoints.get((first + i) % size);
            if (excluded.isEmpty() || !excluded.contains(candidate)) {
                int load = outstanding.applyAsInt(candidate);
                if (load < bestLoad) {
                    best = candidate;
                    bestLoad = load;
                }
            }
        }
        return best;
    }

    private UpstreamChoice() {
    }
}
