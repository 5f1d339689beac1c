package dev.runway.autoscaler.follow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.autoscaler.decide.KpaSettings;
import dev.runway.autoscaler.decide.ScaleDecider;
import dev.runway.autoscaler.decide.ScalingLimits;
import dev.runway.autoscaler.decide.ServiceWindows;
import dev.runway.events.command.ScaleService;
import dev.runway.events.metrics.TrafficMeasured;
import dev.runway.events.model.Endpoint;
import dev.runway.events.query.RouteSnapshot;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * From the router's messages to ScaleService commands: figures of several routers add up, old ones
 * go, each service's limits and count come from the registry.
 */
class ScalingLoopTest {

    private static final String ARN = "arn:aws:apprunner:us-east-1:000000000000:service/demo/0123";
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static final ScalingLimits DEFAULTS = new ScalingLimits(100, 1, 25);

    private final ServiceWindows windows = new ServiceWindows(KpaSettings.DEFAULTS);
    private final List<ScaleService> sent = new ArrayList<>();

    /** The registry's route of the service: MaxConcurrency 10, MinSize 1, MaxSize 5. */
    private static RouteSnapshot.Route route(String status, int instances) {
        return new RouteSnapshot.Route(ARN, "demo", "demo.localhost", status, 9,
                List.of(new Endpoint("i-1", "127.0.0.1", 20001)), 10, 5, 1, instances);
    }

    private ScalingLoop loop(Instant now, RouteSnapshot.Route... routes) {
        return new ScalingLoop(windows, () -> List.of(routes), sent::add, DEFAULTS, KpaSettings.DEFAULTS,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private void burst() {
        for (int s = 1; s <= 60; s++) {
            windows.add(measured("router-1", T0.plusSeconds(s), 0));
        }
        for (int s = 61; s <= 62; s++) {
            windows.add(measured("router-1", T0.plusSeconds(s), 25));
            windows.add(measured("router-2", T0.plusSeconds(s).plusMillis(300), 25));
        }
    }

    @Test
    void shouldSendScaleServiceWithTheReasonWhenTheDecisionDiffers() throws IOException {
        burst();

        Map<String, ScaleDecider.Decision> changes = loop(T0.plusSeconds(62).plusMillis(500),
                route("RUNNING", 1)).round();

        assertEquals(3, changes.get(ARN).desired());
        assertEquals(1, sent.size());
        assertEquals(ARN, sent.get(0).serviceArn());
        assertEquals(3, sent.get(0).desiredInstances());
        assertTrue(sent.get(0).reason().startsWith("panic: burst: 16.7 concurrent requests"), sent.get(0).reason());
    }

    @Test
    void shouldSendNothingWhenTheRegistryAlreadyHasTheCountOrAnOperationIsInCharge() throws IOException {
        burst();
        Instant now = T0.plusSeconds(62).plusMillis(500);

        loop(now, route("RUNNING", 3)).round();
        loop(now, route("OPERATION_IN_PROGRESS", 1)).round();

        assertEquals(List.of(), sent);
    }

    @Test
    void shouldUseTheServiceLimitsFromTheRegistry() throws IOException {
        for (int s = 1; s <= 60; s++) {
            windows.add(measured("router-1", T0.plusSeconds(s), 200));
        }

        loop(T0.plusSeconds(60).plusMillis(500), route("RUNNING", 1)).round();

        assertEquals(5, sent.get(0).desiredInstances(), "200 concurrent want 29 at MaxConcurrency 10; MaxSize is 5");
    }

    @Test
    void shouldAskForMoreInstancesOnABurstSeenByTwoRouters() throws IOException {
        for (int s = 1; s <= 60; s++) {
            windows.add(measured("router-1", T0.plusSeconds(s), 0));
        }
        for (int s = 61; s <= 62; s++) {
            windows.add(measured("router-1", T0.plusSeconds(s), 25));
            windows.add(measured("router-2", T0.plusSeconds(s).plusMillis(300), 25));
        }
        ScalingLoop loop = loop(T0.plusSeconds(62).plusMillis(500), route("RUNNING", 1));

        Map<String, ScaleDecider.Decision> changes = loop.round();

        ScaleDecider.Decision decision = changes.get(ARN);
        assertEquals(3, decision.desired(), "50 concurrent over 2 of the last 6 s: ceil(16.7 / 7)");
        assertTrue(decision.panic());
    }

    @Test
    void shouldCountARedeliveredMessageOnce() throws IOException {
        burst();
        burst(); // Kafka delivers the whole stretch again (a rebalance, or the replay on start)

        Map<String, ScaleDecider.Decision> changes = loop(T0.plusSeconds(62).plusMillis(500),
                route("RUNNING", 1)).round();

        assertEquals(3, changes.get(ARN).desired(), "the same figures as one delivery: " + changes);
        assertEquals(50.0, windows.of(ARN, T0.plusSeconds(62)).get(61).concurrency(), "two routers' 25 each");
    }

    @Test
    void shouldForgetFiguresNoWindowReachesAnyMore() {
        windows.add(measured("router-1", T0, 40));

        assertEquals(1, windows.of(ARN, T0.plusSeconds(60)).size());
        assertEquals(1, windows.of(ARN, T0.plusSeconds(900)).size(), "the longest idle window (900 s) reaches it");
        assertTrue(windows.services(T0.plusSeconds(903)).isEmpty());
    }

    private static TrafficMeasured measured(String router, Instant end, double concurrency) {
        TrafficMeasured.Figures figures = new TrafficMeasured.Figures(0, 0, 0, 0, 0, 0, 0, concurrency,
                (int) concurrency);
        return new TrafficMeasured(ARN, router, end, 1000, figures, Map.of("i-1", figures));
    }

    /** A service tagged runway:min-size=0 with a 10 s idle window (MaxConcurrency 10, MinSize 1, MaxSize 5). */
    private static RouteSnapshot.Route toZero(int instances, boolean withEndpoints) {
        return new RouteSnapshot.Route(ARN, "demo", "demo.localhost", "RUNNING", 9,
                withEndpoints ? List.of(new Endpoint("i-1", "127.0.0.1", 20001)) : List.of(), 10, 5, 1, instances, 10);
    }

    private static TrafficMeasured served(Instant end, long requests) {
        TrafficMeasured.Figures figures = new TrafficMeasured.Figures(requests, requests, 0, 0, 1, 1, 1,
                requests > 0 ? 0.01 : 0, requests > 0 ? 1 : 0);
        return new TrafficMeasured(ARN, "router-1", end, 1000, figures, Map.of("i-1", figures));
    }

    @Test
    void shouldScaleAServiceThatScalesToZeroToNoneAfterItsIdleWindowOnly() throws IOException {
        windows.add(served(T0.plusSeconds(1), 3));
        for (int s = 2; s <= 12; s++) {
            windows.add(served(T0.plusSeconds(s), 0));
        }

        loop(T0.plusSeconds(10).plusMillis(500), toZero(1, true)).round();
        assertEquals(List.of(), sent, "a request ended 9.5 s ago: not idle for 10 s yet");

        loop(T0.plusSeconds(11).plusMillis(500), toZero(1, true)).round();
        assertEquals(1, sent.size());
        assertEquals(0, sent.get(0).desiredInstances());
        assertTrue(sent.get(0).reason().startsWith("idle: no requests for 10 s"), sent.get(0).reason());
    }

    @Test
    void shouldLeaveAServiceAtZeroToTheRouterAndBringItBackWhenScaleToZeroIsTurnedOff() throws IOException {
        for (int s = 1; s <= 12; s++) {
            windows.add(served(T0.plusSeconds(s), 0));
        }
        Instant now = T0.plusSeconds(12).plusMillis(500);

        loop(now, toZero(0, false)).round();
        assertEquals(List.of(), sent, "at zero: the router wakes it");

        loop(now, new RouteSnapshot.Route(ARN, "demo", "demo.localhost", "RUNNING", 9, List.of(), 10, 5, 2, 0))
                .round();
        assertEquals(1, sent.size());
        assertEquals(2, sent.get(0).desiredInstances());
    }
}
