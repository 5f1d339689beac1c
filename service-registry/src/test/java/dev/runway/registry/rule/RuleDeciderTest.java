package dev.runway.registry.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.command.Command;
import dev.runway.events.command.DeleteEventRule;
import dev.runway.events.command.PutEventRule;
import dev.runway.events.command.PutEventTargets;
import dev.runway.events.command.RemoveEventTargets;
import dev.runway.events.command.SetEventRuleState;
import dev.runway.events.event.EventRuleChanged;
import dev.runway.events.event.EventRuleDeleted;
import dev.runway.events.event.EventRuleEvent;
import dev.runway.events.model.EventTarget;
import dev.runway.registry.service.Rejection;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RuleDeciderTest {

    static final String ARN = "arn:aws:events:us-east-1:000000000000:rule/failures";
    static final String PATTERN = "{\"source\":[\"aws.apprunner\"]}";
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    static EventTarget target(String id) {
        return new EventTarget(id, "http://127.0.0.1:1/" + id, null, null, null, null, null, 2, 60, null);
    }

    static RuleState run(RuleState state, Command... commands) throws Rejection {
        for (Command c : commands) {
            for (EventRuleEvent e : RuleDecider.decide(c, state, NOW)) {
                state = RuleDecider.evolve(state, e);
            }
        }
        return state;
    }

    @Test
    void putRuleThenTargetsThenStateKeepsEverything() throws Rejection {
        RuleState state = run(RuleState.initial(), new PutEventRule(ARN, "failures", PATTERN, "ENABLED", "d"),
                new PutEventTargets(ARN, List.of(target("a"), target("b"))),
                new SetEventRuleState(ARN, "DISABLED"),
                new PutEventRule(ARN, "failures", "{\"source\":[\"x\"]}", "ENABLED", null));
        EventRuleChanged rule = state.current();
        assertEquals("{\"source\":[\"x\"]}", rule.eventPattern());
        assertEquals("ENABLED", rule.state());
        assertEquals(List.of("a", "b"), RuleState.ids(rule), "PutRule keeps the targets");
        assertEquals(4, state.version());
    }

    @Test
    void repeatingACommandChangesNothing() throws Rejection {
        RuleState state = run(RuleState.initial(), new PutEventRule(ARN, "failures", PATTERN, "ENABLED", null));
        assertEquals(List.of(), RuleDecider.decide(new PutEventRule(ARN, "failures", PATTERN, "ENABLED", null), state, NOW));
        assertEquals(List.of(), RuleDecider.decide(new SetEventRuleState(ARN, "ENABLED"), state, NOW));
        assertEquals(List.of(), RuleDecider.decide(new RemoveEventTargets(ARN, List.of("nope")), state, NOW));
    }

    @Test
    void putTargetsReplacesByIdAndStopsAtFive() throws Rejection {
        RuleState state = run(RuleState.initial(), new PutEventRule(ARN, "failures", PATTERN, "ENABLED", null),
                new PutEventTargets(ARN, List.of(target("a"))), new PutEventTargets(ARN, List.of(target("a"))));
        assertEquals(1, state.targetCount());
        RuleState withOne = state;
        Rejection r = assertThrows(Rejection.class, () -> RuleDecider.decide(new PutEventTargets(ARN,
                IntStream.range(0, 5).mapToObj(i -> target("t" + i)).toList()), withOne, NOW));
        assertEquals("LimitExceededException", r.errorType());
    }

    @Test
    void unknownRulesAreNotFoundButDeleteIsIdempotent() throws Rejection {
        for (Command c : List.<Command>of(new SetEventRuleState(ARN, "ENABLED"), new PutEventTargets(ARN, List.of(target("a"))),
                new RemoveEventTargets(ARN, List.of("a")))) {
            Rejection r = assertThrows(Rejection.class, () -> RuleDecider.decide(c, RuleState.initial(), NOW));
            assertEquals("ResourceNotFoundException", r.errorType());
            assertTrue(r.getMessage().contains("Rule failures does not exist"), r.getMessage());
        }
        assertEquals(List.of(), RuleDecider.decide(new DeleteEventRule(ARN), RuleState.initial(), NOW));
    }

    @Test
    void aRuleWithTargetsCannotBeDeleted() throws Rejection {
        RuleState state = run(RuleState.initial(), new PutEventRule(ARN, "failures", PATTERN, "ENABLED", null),
                new PutEventTargets(ARN, List.of(target("a"))));
        Rejection r = assertThrows(Rejection.class, () -> RuleDecider.decide(new DeleteEventRule(ARN), state, NOW));
        assertEquals("ValidationException", r.errorType());
        RuleState emptied = run(state, new RemoveEventTargets(ARN, List.of("a")));
        List<EventRuleEvent> events = RuleDecider.decide(new DeleteEventRule(ARN), emptied, NOW);
        assertTrue(events.get(0) instanceof EventRuleDeleted);
        RuleState gone = run(emptied, new DeleteEventRule(ARN));
        assertTrue(!gone.exists());
        assertTrue(run(gone, new PutEventRule(ARN, "failures", PATTERN, "ENABLED", null)).exists(), "the name is free again");
    }
}
