package dev.runway.autoscaler.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.autoscaler.decide.RolloutDecider.Advance;
import dev.runway.autoscaler.decide.RolloutDecider.Decision;
import dev.runway.autoscaler.decide.RolloutDecider.Figures;
import dev.runway.autoscaler.decide.RolloutDecider.Hold;
import dev.runway.autoscaler.decide.RolloutDecider.Margins;
import dev.runway.autoscaler.decide.RolloutDecider.Plan;
import dev.runway.autoscaler.decide.RolloutDecider.RollBack;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Given a step's figures for the new and the old revision, when the clock reads now, then the rollout's course. */
class RolloutDeciderTest {

    static final Plan PLAN = new Plan(List.of(10, 50, 100), Duration.ofSeconds(30));
    static final Instant START = Instant.parse("2026-12-07T12:00:00Z");
    static final Figures HEALTHY_OLD = new Figures(1, 900, 0, 40);

    private static Decision at(int step, long secondsIn, Figures newer, Figures older) {
        return RolloutDecider.decide(PLAN, step, START, newer, older, Margins.DEFAULT, START.plusSeconds(secondsIn));
    }

    @Test
    void shouldRollBackAtOnceWhenTheNewRevisionAnswers5xxToAFifthOfRequests() {
        Decision d = at(0, 5, new Figures(2, 100, 20, 45), HEALTHY_OLD);

        RollBack back = assertInstanceOf(RollBack.class, d);
        assertEquals("5xx rate 20.0 % on revision 2 (20 of 100 requests) against 0.0 % on revision 1 (0 of 900);"
                + " the margin is 5.0 points", back.reason());
    }

    @Test
    void shouldRollBackWhenTheNewRevisionIsSlowerBeyondTheMargin() {
        RollBack back = assertInstanceOf(RollBack.class, at(1, 10, new Figures(2, 500, 0, 400), HEALTHY_OLD));
        assertTrue(back.reason().startsWith("p99 latency 400 ms on revision 2 against 40 ms"), back.reason());
        assertInstanceOf(Hold.class, at(1, 10, new Figures(2, 500, 0, 150), HEALTHY_OLD), "within × 1.5 + 100 ms");
    }

    @Test
    void shouldToleratePointsWithinTheMarginAndAdvanceWhenTheStepIsOver() {
        Figures newer = new Figures(2, 100, 3, 50);
        assertInstanceOf(Hold.class, at(0, 29, newer, HEALTHY_OLD));

        Advance next = assertInstanceOf(Advance.class, at(0, 30, newer, HEALTHY_OLD));
        assertEquals(50, next.percent());
        assertEquals("10 % → 50 %: 5xx rate 3.0 % against 0.0 %, p99 50 ms against 40 ms", next.reason());
        assertEquals(new Advance(100, "rollout complete"), at(2, 30, newer, HEALTHY_OLD));
    }

    @Test
    void shouldNotJudgeOnTooFewRequestsButNotStallEither() {
        Figures fewFailures = new Figures(2, 5, 5, 9000);
        assertInstanceOf(Hold.class, at(0, 10, fewFailures, HEALTHY_OLD), "5 requests prove nothing yet");

        Hold waiting = assertInstanceOf(Hold.class, at(0, 300, fewFailures, HEALTHY_OLD),
                "nor does it step forward on failures it cannot judge yet");
        assertTrue(waiting.reason().startsWith("waiting for 20 requests"), waiting.reason());

        Advance next = assertInstanceOf(Advance.class, at(0, 30, new Figures(2, 5, 0, 30), HEALTHY_OLD));
        assertTrue(next.reason().contains("too few requests to judge (5 on revision 2"), next.reason());
    }
}
