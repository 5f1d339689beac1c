package dev.runway.autoscaler.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runway.events.metrics.TrafficMeasured;
import dev.runway.events.metrics.TrafficMeasured.Figures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Given the router's per-instance figures and a split's instances, then each revision's figures. */
class RevisionFiguresTest {

    private static final Instant T = Instant.parse("2026-12-07T12:00:00Z");

    private static Figures served(long requests, long status5xx, double p99) {
        return new Figures(requests, requests - status5xx, 0, status5xx, p99 / 2, p99 * 0.9, p99, 1, 100);
    }

    private static TrafficMeasured period(int second, Map<String, Figures> instances) {
        long requests = instances.values().stream().mapToLong(Figures::requests).sum();
        return new TrafficMeasured("arn:svc", "router-1", T.plusSeconds(second), 1000,
                served(requests + 3, 0, 0), instances);
    }

    @Test
    void shouldAddUpEachRevisionsInstancesAndWeighTheirP99ByRequests() {
        // given revision 2 (new: instance n1) and revision 1 (old: o1, o2) over two periods
        List<TrafficMeasured> periods = List.of(
                period(1, Map.of("n1", served(10, 2, 300), "o1", served(45, 0, 100), "o2", served(45, 1, 100))),
                period(2, Map.of("n1", served(30, 6, 100), "o1", served(40, 0, 200), "gone", served(9, 9, 9000))));

        Map<Integer, RolloutDecider.Figures> figures = RevisionFigures.of(periods,
                Map.of("n1", 2, "o1", 1, "o2", 1));

        // then requests and 5xx add up, p99 is request-weighted, an instance outside the split is left out
        assertEquals(new RolloutDecider.Figures(2, 40, 8, (10 * 300 + 30 * 100) / 40.0), figures.get(2));
        assertEquals(new RolloutDecider.Figures(1, 130, 1, (45 * 100 + 45 * 100 + 40 * 200) / 130.0), figures.get(1));
    }

    @Test
    void shouldSayZeroRequestsForARevisionThatServedNoneSoTheDeciderHolds() {
        Map<Integer, RolloutDecider.Figures> figures = RevisionFigures.of(
                List.of(period(1, Map.of("o1", served(50, 0, 80)))), Map.of("n1", 2, "o1", 1));

        assertEquals(0, figures.get(2).requests());
        var decision = RolloutDecider.decide(new RolloutDecider.Plan(List.of(10, 50, 100), Duration.ofSeconds(30)), 0,
                T, figures.get(2), figures.get(1), RolloutDecider.Margins.DEFAULT, T.plusSeconds(5));
        assertEquals(RolloutDecider.Hold.class, decision.getClass());
    }
}
