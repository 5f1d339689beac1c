package dev.runway.autoscaler.decide;

import dev.runway.events.metrics.TrafficMeasured;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last stretch of each service's traffic figures, as {@link ScaleDecider} reads them: one
 * {@link Observation} per period, older ones dropped once no window reaches them. Figures of the
 * same period from several routers add up (their instances are the same ones); the same router's
 * figures for a period count once, however often Kafka delivers them (after a rebalance, or the
 * replay of the last minute on start). Only a cache of {@code runway.metrics}: nothing in it is
 * lost for good when the autoscaler stops.
 */
public final class ServiceWindows {

    private final Duration keep;
    /** Per service, per period, per source (router): that router's look at the period. */
    private final Map<String, Map<Instant, Map<String, Observation>>> byService = new ConcurrentHashMap<>();

    /**
     * Keeps what the longest of the decider's windows, plus the scale-down delay, can reach, and
     * the longest idle window a service that scales to zero may have.
     */
    public ServiceWindows(KpaSettings kpa) {
        this.keep = reach(kpa).plusSeconds(2);
    }

    /** How far back the decisions look: the stable window and the delay, or the longest idle window. */
    public static Duration reach(KpaSettings kpa) {
        Duration kpaReach = kpa.stableWindow().plus(kpa.scaleDownDelay());
        Duration idle = Duration.ofSeconds(dev.runway.events.model.ScaleToZero.MAX_IDLE_SECONDS);
        return kpaReach.compareTo(idle) >= 0 ? kpaReach : idle;
    }

    /** Adds one period's figures; the service's instances are those the router served it with. */
    public void add(TrafficMeasured measured) {
        Instant period = measured.periodEnd().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Observation seen = new Observation(period, measured.service().concurrency(), measured.instances().size(),
                measured.service().requests());
        String source = measured.source() == null ? "" : measured.source();
        byService.computeIfAbsent(measured.serviceArn(), arn -> new ConcurrentHashMap<>())
                .computeIfAbsent(period, p -> new ConcurrentHashMap<>()).put(source, seen);
    }

    /** The service's observations, oldest first, after dropping those older than any window reaches. */
    public List<Observation> of(String serviceArn, Instant now) {
        Map<Instant, Map<String, Observation>> periods = byService.get(serviceArn);
        if (periods == null) {
            return List.of();
        }
        periods.keySet().removeIf(t -> t.isBefore(now.minus(keep)));
        List<Observation> list = new ArrayList<>();
        periods.forEach((period, bySource) -> list.add(combined(period, bySource.values())));
        list.sort(java.util.Comparator.comparing(Observation::time));
        return list;
    }

    /** Several routers' looks at one period: their concurrency adds up, their instances are the same. */
    private static Observation combined(Instant period, java.util.Collection<Observation> looks) {
        double concurrency = 0;
        int instances = 0;
        long requests = 0;
        for (Observation look : looks) {
            concurrency += look.concurrency();
            instances = Math.max(instances, look.instances());
            requests += look.requests();
        }
        return new Observation(period, concurrency, instances, requests);
    }

    /** Services with figures; a service with none left for a whole window is forgotten. */
    public Set<String> services(Instant now) {
        byService.entrySet().removeIf(e -> {
            e.getValue().keySet().removeIf(t -> t.isBefore(now.minus(keep)));
            return e.getValue().isEmpty();
        });
        return Set.copyOf(byService.keySet());
    }
}
