package dev.runway.router.metrics;

import dev.runway.events.metrics.TrafficMeasured;
import dev.runway.events.model.Endpoint;
import dev.runway.router.proxy.TrafficListener;
import dev.runway.router.route.Route;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * Counts each service's and instance's traffic over a period: how requests ended (from the proxy,
 * {@link #completed}) and how many were in flight or waiting ({@link #sample}, a few times a
 * period). {@link #close} hands the period's figures over and starts the next one. No I/O; safe
 * from any thread.
 */
public final class TrafficMeter implements TrafficListener {

    /** Latency samples kept per period and series; beyond it newer ones overwrite older ones in turn. */
    private static final int MAX_LATENCIES = 50_000;

    private final String source;
    private final Map<String, Period> periods = new ConcurrentHashMap<>();

    public TrafficMeter(String source) {
        this.source = source;
    }

    @Override
    public void completed(Route route, Endpoint endpoint, int status, long nanos) {
        Period period = periods.computeIfAbsent(route.serviceArn(), arn -> new Period());
        synchronized (period) {
            period.service.count(status, nanos);
            if (endpoint != null) {
                period.instances.computeIfAbsent(endpoint.instanceId(), id -> new Series()).count(status, nanos);
            }
        }
    }

    /**
     * Records one look at the load: for every routed service with instances, the requests in flight
     * per instance and the requests waiting for a place; for one without, the requests held for it.
     */
    public void sample(List<Route> routes, ToIntFunction<Endpoint> inFlight, ToIntFunction<String> waiting) {
        for (Route route : routes) {
            // a service at zero instances counts while requests are held for its cold start
            int held = route.hasEndpoints() ? 0 : waiting.applyAsInt(route.serviceArn());
            if (!route.hasEndpoints() && held == 0) {
                continue;
            }
            Period period = periods.computeIfAbsent(route.serviceArn(), arn -> new Period());
            synchronized (period) {
                int total = route.hasEndpoints() ? waiting.applyAsInt(route.serviceArn()) : held;
                for (Endpoint endpoint : route.endpoints()) {
                    int n = inFlight.applyAsInt(endpoint);
                    total += n;
                    period.instances.computeIfAbsent(endpoint.instanceId(), id -> new Series()).look(n);
                }
                period.service.look(total);
            }
        }
    }

    /** Ends the period: one message per service seen in it, and a fresh period for each. */
    public List<TrafficMeasured> close(Instant periodEnd, long periodMillis) {
        List<TrafficMeasured> out = new ArrayList<>();
        for (String arn : List.copyOf(periods.keySet())) {
            Period period = periods.remove(arn);
            if (period == null) {
                continue;
            }
            synchronized (period) {
                Map<String, TrafficMeasured.Figures> instances = new HashMap<>();
                period.instances.forEach((id, series) -> instances.put(id, series.figures()));
                out.add(new TrafficMeasured(arn, source, periodEnd, periodMillis, period.service.figures(), instances));
            }
        }
        return out;
    }

    private static final class Period {
        final Series service = new Series();
        final Map<String, Series> instances = new HashMap<>();
    }

    /** One series' counts; guarded by its period's monitor. */
    private static final class Series {
        long requests;
        long ok;
        long clientErrors;
        long serverErrors;
        long[] latencies = new long[16];
        int latencyCount;
        long seen;
        long looks;
        long lookSum;
        int lookMax;

        void count(int status, long nanos) {
            requests++;
            if (status >= 500 || status == 0) {
                serverErrors++;
            } else if (status >= 400) {
                clientErrors++;
            } else {
                ok++;
            }
            seen++;
            if (latencyCount < MAX_LATENCIES) {
                if (latencyCount == latencies.length) {
                    latencies = Arrays.copyOf(latencies, latencyCount * 2);
                }
                latencies[latencyCount++] = nanos;
            } else {
                // a full buffer: overwrite in turn, so the figures keep reflecting the whole period
                latencies[(int) (seen % MAX_LATENCIES)] = nanos;
            }
        }

        void look(int n) {
            looks++;
            lookSum += n;
            lookMax = Math.max(lookMax, n);
        }

        TrafficMeasured.Figures figures() {
            long[] sorted = Arrays.copyOf(latencies, latencyCount);
            Arrays.sort(sorted);
            return new TrafficMeasured.Figures(requests, ok, clientErrors, serverErrors, percentile(sorted, 50),
                    percentile(sorted, 90), percentile(sorted, 99), looks == 0 ? 0 : (double) lookSum / looks, lookMax);
        }

        /** Nearest-rank percentile, in milliseconds. */
        private static double percentile(long[] sorted, int p) {
            if (sorted.length == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, rank - 1)] / 1_000_000.0;
        }
    }
}
