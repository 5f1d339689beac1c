package dev.runway.autoscaler.follow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.autoscaler.decide.KpaSettings;
import dev.runway.autoscaler.decide.ScaleDecider;
import dev.runway.autoscaler.decide.ScalingLimits;
import dev.runway.autoscaler.decide.ServiceWindows;
import dev.runway.events.metrics.TrafficMeasured;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** From the router's messages to decisions: figures of several routers add up, old ones go. */
class ScalingLoopTest {

    private static final String ARN = "arn:aws:apprunner:us-east-1:000000000000:service/demo/0123";
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private final ServiceWindows windows = new ServiceWindows(KpaSettings.DEFAULTS);

    @Test
    void shouldAskForMoreInstancesOnABurstSeenByTwoRouters() {
        for (int s = 1; s <= 60; s++) {
            windows.add(measured("router-1", T0.plusSeconds(s), 0));
        }
        for (int s = 61; s <= 62; s++) {
            windows.add(measured("router-1", T0.plusSeconds(s), 25));
            windows.add(measured("router-2", T0.plusSeconds(s).plusMillis(300), 25));
        }
        ScalingLoop loop = new ScalingLoop(windows, new ScalingLimits(10, 1, 5), KpaSettings.DEFAULTS,
                Clock.fixed(T0.plusSeconds(62).plusMillis(500), ZoneOffset.UTC));

        Map<String, ScaleDecider.Decision> changes = loop.round();

        ScaleDecider.Decision decision = changes.get(ARN);
        assertEquals(3, decision.desired(), "50 concurrent over 2 of the last 6 s: ceil(16.7 / 7)");
        assertTrue(decision.panic());
    }

    @Test
    void shouldForgetFiguresNoWindowReachesAnyMore() {
        windows.add(measured("router-1", T0, 40));

        assertEquals(1, windows.of(ARN, T0.plusSeconds(60)).size());
        assertTrue(windows.services(T0.plusSeconds(200)).isEmpty());
    }

    private static TrafficMeasured measured(String router, Instant end, double concurrency) {
        TrafficMeasured.Figures figures = new TrafficMeasured.Figures(0, 0, 0, 0, 0, 0, 0, concurrency,
                (int) concurrency);
        return new TrafficMeasured(ARN, router, end, 1000, figures, Map.of("i-1", figures));
    }
}
