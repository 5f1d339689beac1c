package dev.runway.autoscaler.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The KPA-like decider on a fake clock: observations one per second, as the router publishes them,
 * and {@code now} moved by hand. MaxConcurrency 10, MinSize 1, MaxSize 5 as the load step.
 */
class ScaleDeciderTest {

    private static final ScalingLimits LIMITS = new ScalingLimits(10, 1, 5);
    private static final KpaSettings KPA = KpaSettings.DEFAULTS;
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    /** The fake clock and what the router reported until it. */
    private Instant now = T0;
    private final List<Observation> seen = new ArrayList<>();
    private int instances = 1;

    private void observe(double concurrency, int seconds) {
        for (int i = 0; i < seconds; i++) {
            now = now.plusSeconds(1);
            seen.add(new Observation(now, concurrency, instances));
        }
    }

    private ScaleDecider.Decision decide() {
        return ScaleDecider.decide(seen, instances, LIMITS, KPA, now);
    }

    @Test
    void shouldStayAtMinSizeUnderLightLoad() {
        observe(3, 120);

        ScaleDecider.Decision decision = decide();

        assertEquals(1, decision.desired());
        assertFalse(decision.panic());
        assertTrue(decision.reason().contains("3.0 concurrent requests on average over the last 60 s"), decision.reason());
    }

    /** The deploy-worker does what was decided: the next observations see the new count. */
    private ScaleDecider.Decision settle() {
        ScaleDecider.Decision decision = decide();
        instances = decision.desired();
        return decision;
    }

    @Test
    void shouldPanicOnALoadStepAndReachMaxSizeWithinFourSeconds() {
        observe(0, 60);
        observe(50, 2);

        ScaleDecider.Decision first = settle();

        assertTrue(first.panic());
        assertEquals(3, first.desired(), "the 6 s window averages 16.7: ceil(16.7 / 7) = 3");
        assertTrue(first.reason().startsWith("burst: 16.7 concurrent requests over the last 6 s against 1"
                + " instance(s) with a target of 7.0 each (MaxConcurrency 10 × 70 %)"), first.reason());
        observe(50, 1);
        settle();
        observe(50, 1);
        ScaleDecider.Decision fourth = settle();
        assertEquals(5, fourth.desired(), "ceil(33.3 / 7) = 5 at the fourth second");
        observe(50, 2);
        ScaleDecider.Decision capped = settle();
        assertEquals(5, capped.desired());
        assertTrue(capped.reason().endsWith("; clamped to [1, 5]"), capped.reason());
    }

    @Test
    void shouldHoldDuringPanicAndGoBackToMinSizeAfterTheWindowsOnceLoadStops() {
        observe(0, 60);
        for (int i = 0; i < 60; i++) {
            observe(50, 1);
            settle();
        }
        assertEquals(5, instances);
        observe(0, 30);

        assertEquals(5, settle().desired(), "a burst within the stable window: no scale-down");

        observe(0, 31);
        ScaleDecider.Decision calm = settle();
        assertFalse(calm.panic());
        assertEquals(5, calm.desired(), "the stable average still needed more within the scale-down delay");

        observe(0, 60);
        assertEquals(1, settle().desired(), "a whole delay of low load: back to MinSize");
    }

    @Test
    void shouldGrowGraduallyWithoutPanicWhenLoadRisesSlowly() {
        observe(12, 60);

        ScaleDecider.Decision decision = decide();

        assertFalse(decision.panic(), "12 concurrent needs 2 instances, below 200 % of 1");
        assertEquals(2, decision.desired());
    }

    @Test
    void shouldScaleDownOnlyAfterTheDelayOfLowerLoad() {
        instances = 3;
        observe(20, 60);
        assertEquals(3, decide().desired());

        observe(2, 59);
        assertEquals(3, decide().desired(), "the stable average needed 3 within the last 60 s");

        observe(2, 62);
        assertEquals(1, decide().desired());
    }

    @Test
    void shouldNotScaleDownRightAfterARestartWithoutAWholeDelayOfFigures() {
        instances = 5;
        observe(0, 5);

        ScaleDecider.Decision decision = decide();

        assertEquals(5, decision.desired(), "five seconds of figures do not cover the 60 s scale-down delay");
        assertTrue(decision.reason().contains("scale-down waits for 60 s of lower load"), decision.reason());
    }

    @Test
    void shouldDecideTheSameFromTheSameFiguresWhateverHappenedBefore() {
        observe(0, 60);
        observe(50, 2);
        List<Observation> figures = List.copyOf(seen);

        assertEquals(ScaleDecider.decide(figures, 1, LIMITS, KPA, now),
                ScaleDecider.decide(new ArrayList<>(figures), 1, LIMITS, KPA, now));
    }

    @Test
    void shouldKeepMinSizeWithoutLoadAndTheCurrentCountWithoutFigures() {
        observe(0, 120);
        assertEquals(2, ScaleDecider.decide(seen, 2, new ScalingLimits(10, 2, 5), KPA, now).desired());

        ScaleDecider.Decision none = ScaleDecider.decide(List.of(), 3, LIMITS, KPA, now);
        assertEquals(3, none.desired());
        assertEquals("no traffic figures; keeping 3 instance(s)", none.reason());
    }

    @Test
    void shouldHonourShortWindowsForTests() {
        KpaSettings quick = new KpaSettings(0.7, Duration.ofSeconds(10), Duration.ofSeconds(2), 2.0,
                Duration.ofSeconds(5));
        observe(0, 10);
        observe(50, 2);
        assertEquals(5, ScaleDecider.decide(seen, 1, LIMITS, quick, now).desired());
        instances = 5;
        observe(0, 16);
        assertEquals(1, ScaleDecider.decide(seen, 5, LIMITS, quick, now).desired());
    }

    @Test
    void shouldFindAServiceIdleOnlyWhenAWholeQuietWindowIsCovered() {
        Instant now = Instant.parse("2026-11-23T10:01:00Z");
        java.util.List<Observation> quiet = new java.util.ArrayList<>();
        for (int s = 0; s < 60; s++) {
            quiet.add(new Observation(now.minusSeconds(s), 0, 1, 0));
        }
        java.time.Duration idle = java.time.Duration.ofSeconds(30);

        assertEquals(0, ScaleDecider.idle(quiet, idle, now).orElseThrow().desired());
        assertTrue(ScaleDecider.idle(quiet.subList(0, 20), idle, now).isEmpty(), "20 s of figures prove nothing for 30 s");

        java.util.List<Observation> oneRequest = new java.util.ArrayList<>(quiet);
        oneRequest.set(29, new Observation(now.minusSeconds(29), 0, 1, 1));
        assertTrue(ScaleDecider.idle(oneRequest, idle, now).isEmpty(), "a request 29 s ago");
        java.util.List<Observation> waiting = new java.util.ArrayList<>(quiet);
        waiting.set(0, new Observation(now, 0.5, 1, 0));
        assertTrue(ScaleDecider.idle(waiting, idle, now).isEmpty(), "a request in flight now");
        assertTrue(ScaleDecider.idle(java.util.List.of(), idle, now).isEmpty());
    }
}
