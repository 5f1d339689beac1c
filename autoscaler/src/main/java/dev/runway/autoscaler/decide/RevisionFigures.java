package dev.runway.autoscaler.decide;

import dev.runway.events.metrics.TrafficMeasured;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each revision's figures over a rollout step, for {@link RolloutDecider}: the router measures per
 * instance ({@link TrafficMeasured#instances()}), and a traffic split says which revision each
 * instance belongs to (its endpoints, as {@code TrafficShifted} and the routes snapshot carry them).
 * Pure. Requests and 5xx answers add up; a p99 cannot be added up from per-instance p99s, so the
 * request-weighted mean of them is taken: the same estimate for both revisions, which is what the
 * comparison needs. Requests the router answered itself (429, 503, 504) belong to no instance and
 * are left out: they say nothing of either revision.
 */
public final class RevisionFigures {

    /**
     * @param periods    the service's measured periods since the step began (any routers)
     * @param revisionOf each instance id of the split's revisions → its revision
     * @return per revision of {@code revisionOf}, its figures (zero requests when it served none)
     */
    public static Map<Integer, RolloutDecider.Figures> of(List<TrafficMeasured> periods,
            Map<String, Integer> revisionOf) {
        Map<Integer, long[]> counts = new TreeMap<>(); // requests, 5xx
        Map<Integer, double[]> latency = new TreeMap<>(); // Σ p99 × requests
        revisionOf.values().forEach(r -> {
            counts.putIfAbsent(r, new long[2]);
            latency.putIfAbsent(r, new double[1]);
        });
        for (TrafficMeasured period : periods) {
            period.instances().forEach((instance, f) -> {
                Integer revision = revisionOf.get(instance);
                if (revision == null || f.requests() <= 0) {
                    return; // an instance of no revision in the split (retired, or the split moved on)
                }
                counts.get(revision)[0] += f.requests();
                counts.get(revision)[1] += f.status5xx();
                latency.get(revision)[0] += f.latencyP99Millis() * f.requests();
            });
        }
        Map<Integer, RolloutDecider.Figures> out = new TreeMap<>();
        counts.forEach((revision, c) -> out.put(revision, new RolloutDecider.Figures(revision, c[0], c[1],
                c[0] == 0 ? 0 : latency.get(revision)[0] / c[0])));
        return out;
    }

    private RevisionFigures() {
    }
}
