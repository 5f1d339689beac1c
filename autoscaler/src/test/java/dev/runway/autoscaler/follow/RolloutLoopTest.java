package dev.runway.autoscaler.follow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.autoscaler.decide.RolloutDecider;
import dev.runway.events.command.AdvanceRollout;
import dev.runway.events.command.Command;
import dev.runway.events.command.RollBackRollout;
import dev.runway.events.metrics.TrafficMeasured;
import dev.runway.events.model.Endpoint;
import dev.runway.events.model.RevisionTraffic;
import dev.runway.events.model.RolloutFigures;
import dev.runway.events.query.RouteSnapshot;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Given a rollout of revision 2 at 50 % beside revision 1, when the router's figures come, then the decision sent. */
class RolloutLoopTest {

    private static final String ARN = "arn:aws:apprunner:us-east-1:000000000000:service/demo/0123";
    private static final UUID OP = UUID.fromString("33333333-3333-4333-8333-333333333333");
    private static final Instant STEP = Instant.parse("2026-11-23T10:00:00Z");
    private static final Endpoint OLD = new Endpoint("i-old", "127.0.0.1", 20001);
    private static final Endpoint NEW = new Endpoint("i-new", "127.0.0.1", 20002);

    private final List<Command> sent = new ArrayList<>();

    private static RouteSnapshot.Route rollingOut() {
        return new RouteSnapshot.Route(ARN, "demo", "demo.localhost", "OPERATION_IN_PROGRESS", 9, List.of(OLD), 10,
                5, 1, 1, null, 1, List.of(new RevisionTraffic(2, 50, null, List.of(NEW)),
                        new RevisionTraffic(1, 50, null, List.of(OLD))),
                new RouteSnapshot.Rollout(OP, 2, 1, List.of(50, 100), 60, 50, STEP));
    }

    private RolloutLoop loop(Instant now) {
        return new RolloutLoop(() -> List.of(rollingOut()), sent::add, RolloutDecider.Margins.DEFAULT,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static TrafficMeasured period(Instant end, long newRequests, long new5xx, long oldRequests) {
        return new TrafficMeasured(ARN, "router-1", end, 1000, figures(newRequests + oldRequests, new5xx),
                Map.of("i-new", figures(newRequests, new5xx), "i-old", figures(oldRequests, 0)));
    }

    private static TrafficMeasured.Figures figures(long requests, long status5xx) {
        return new TrafficMeasured.Figures(requests, requests - status5xx, 0, status5xx, 5, 8, 10, 1, 1);
    }

    @Test
    void givenTheNewRevisionAnswers500ToAFifth_whenARoundRuns_thenItSendsRollBackWithTheFigures() throws IOException {
        RolloutLoop loop = loop(STEP.plusSeconds(5));
        loop.round(); // the first round that sees the rollout starts keeping its periods
        for (int s = 1; s <= 4; s++) {
            loop.add(period(STEP.plusSeconds(s), 10, 2, 10));
        }

        loop.round();

        RollBackRollout back = assertInstanceOf(RollBackRollout.class, sent.get(0));
        assertEquals(OP, back.operationId());
        assertEquals(2, back.revision());
        assertEquals(List.of(new RolloutFigures(2, 40, 8, 10), new RolloutFigures(1, 40, 0, 10)), back.figures());
        assertTrue(back.reason().contains("5xx rate 20.0 %"), back.reason());
    }

    @Test
    void givenBothRevisionsDoAlike_whenTheIntervalIsOver_thenItSendsAdvanceToTheNextStep() throws IOException {
        RolloutLoop loop = loop(STEP.plusSeconds(61));
        loop.round();
        loop.add(period(STEP.minusSeconds(1), 10, 10, 10)); // before the step: not counted
        loop.add(period(STEP.plusSeconds(30), 30, 0, 30));

        loop.round();

        AdvanceRollout next = assertInstanceOf(AdvanceRollout.class, sent.get(sent.size() - 1));
        assertEquals(100, next.percent());
        assertEquals(30, next.figures().get(0).requests());
    }

    @Test
    void givenTooFewRequestsWithinTheInterval_whenARoundRuns_thenNothingIsSent() throws IOException {
        RolloutLoop loop = loop(STEP.plusSeconds(10));
        loop.round();
        loop.add(period(STEP.plusSeconds(5), 3, 1, 3));

        loop.round();

        assertEquals(List.of(), sent);
    }

    @Test
    void givenNoRolloutUnderWay_whenPeriodsCome_thenNoneIsKept() throws IOException {
        RolloutLoop loop = new RolloutLoop(List::of, sent::add, RolloutDecider.Margins.DEFAULT, Clock.systemUTC());
        loop.add(period(STEP, 10, 10, 10));

        assertEquals(Map.of(), loop.round());
        assertEquals(List.of(), sent);
    }
}
