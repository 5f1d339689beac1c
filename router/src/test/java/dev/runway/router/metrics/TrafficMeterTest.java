package dev.runway.router.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.metrics.TrafficMeasured;
import dev.runway.events.model.Endpoint;
import dev.runway.events.model.ServiceStatus;
import dev.runway.router.route.Route;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The figures of one period: counts by status class, latency percentiles, concurrency. */
class TrafficMeterTest {

    private static final Endpoint A = new Endpoint("a", "127.0.0.1", 20001);
    private static final Endpoint B = new Endpoint("b", "127.0.0.1", 20002);
    private static final Route DEMO = new Route("arn:demo", "demo", "demo.localhost", ServiceStatus.RUNNING, 1,
            List.of(A, B), 10, 5);
    private static final Instant END = Instant.parse("2026-11-23T10:00:01Z");

    private final TrafficMeter meter = new TrafficMeter("router-1");

    @Test
    void shouldCountRequestsByStatusClassPerServiceAndInstance() {
        for (int i = 1; i <= 100; i++) {
            meter.completed(DEMO, i % 2 == 0 ? A : B, i <= 90 ? 200 : i <= 95 ? 404 : 502, i * 1_000_000L);
        }
        meter.completed(DEMO, null, 429, 1_000_000L);
        meter.completed(DEMO, A, 0, 5_000_000L);

        TrafficMeasured measured = single(meter.close(END, 1000));

        assertEquals("router-1", measured.source());
        assertEquals(END, measured.periodEnd());
        TrafficMeasured.Figures service = measured.service();
        assertEquals(102, service.requests());
        assertEquals(90, service.status2xx());
        assertEquals(6, service.status4xx(), "429 answered by the router counts for the service");
        assertEquals(6, service.status5xx(), "a broken answer counts as 5xx");
        TrafficMeasured.Figures a = measured.instances().get("a");
        assertEquals(51, a.requests());
        assertEquals(50, measured.instances().get("b").requests());
    }

    @Test
    void shouldGiveNearestRankLatencyPercentilesInMilliseconds() {
        for (int i = 1; i <= 200; i++) {
            meter.completed(DEMO, A, 200, i * 1_000_000L);
        }

        TrafficMeasured.Figures figures = single(meter.close(END, 1000)).service();

        assertEquals(100.0, figures.latencyP50Millis());
        assertEquals(180.0, figures.latencyP90Millis());
        assertEquals(198.0, figures.latencyP99Millis());
    }

    @Test
    void shouldAverageConcurrencyOverTheLooksWithWaitingRequestsCountedForTheService() {
        Map<Endpoint, Integer> inFlight = Map.of(A, 10, B, 6);
        meter.sample(List.of(DEMO), inFlight::get, arn -> 4);
        meter.sample(List.of(DEMO), e -> 0, arn -> 0);

        TrafficMeasured measured = single(meter.close(END, 1000));

        assertEquals(10.0, measured.service().concurrency(), "(10 + 6 + 4 + 0) / 2 looks");
        assertEquals(20, measured.service().maxConcurrency());
        assertEquals(5.0, measured.instances().get("a").concurrency());
        assertEquals(10, measured.instances().get("a").maxConcurrency());
    }

    @Test
    void shouldStartAFreshPeriodAndReportIdleServicesThatAreLookedAt() {
        meter.completed(DEMO, A, 200, 1_000_000L);
        meter.close(END, 1000);
        meter.sample(List.of(DEMO), e -> 0, arn -> 0);

        TrafficMeasured idle = single(meter.close(END.plusSeconds(1), 1000));

        assertEquals(0, idle.service().requests());
        assertEquals(0.0, idle.service().concurrency());
        assertTrue(meter.close(END.plusSeconds(2), 1000).isEmpty(), "nothing seen, nothing published");
    }

    private static TrafficMeasured single(List<TrafficMeasured> list) {
        assertEquals(1, list.size(), list.toString());
        return list.get(0);
    }
}
