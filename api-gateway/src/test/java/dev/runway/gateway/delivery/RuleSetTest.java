package dev.runway.gateway.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.runway.events.model.EventTarget;
import dev.runway.events.query.EventRuleSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleSetTest {

    static final EventTarget T = new EventTarget("t", "http://127.0.0.1:1/", null, null, null, null, null, 0, 60, null);
    static final String EVENT = "{\"source\":\"aws.apprunner\",\"detail\":{\"serviceName\":\"web\"}}";

    static EventRuleSnapshot.Rule rule(String name, String pattern, String state, List<EventTarget> targets) {
        return new EventRuleSnapshot.Rule("arn:rule/" + name, name, pattern, state, null, targets);
    }

    static List<String> names(RuleSet set) {
        return set.matching(EVENT).stream().map(EventRuleSnapshot.Rule::name).sorted().toList();
    }

    @Test
    void shouldApplyEachChangeToTheMatcher() {
        RuleSet set = RuleSet.of(new EventRuleSnapshot(1, List.of(
                rule("a", "{\"source\":[\"aws.apprunner\"]}", "ENABLED", List.of(T)),
                rule("b", "{\"detail\":{\"serviceName\":[\"other\"]}}", "ENABLED", List.of(T)))));
        assertEquals(List.of("a"), names(set));
        set.put("arn:rule/b", rule("b", "{\"detail\":{\"serviceName\":[{\"prefix\":\"we\"}]}}", "ENABLED", List.of(T)));
        assertEquals(List.of("a", "b"), names(set), "b's new pattern replaces its old one");
        set.put("arn:rule/a", rule("a", "{\"source\":[\"aws.apprunner\"]}", "DISABLED", List.of(T)));
        assertEquals(List.of("b"), names(set), "a disabled rule matches nothing");
        assertEquals("DISABLED", set.rule("arn:rule/a").state(), "but it is still known");
        set.put("arn:rule/b", rule("b", "{\"detail\":{\"serviceName\":[{\"prefix\":\"we\"}]}}", "ENABLED", List.of()));
        assertEquals(List.of(), names(set), "a rule without targets matches nothing");
        assertNull(set.target("arn:rule/b", "t"), "its target is gone");
        set.put("arn:rule/a", null);
        assertNull(set.rule("arn:rule/a"));
        assertEquals(1, set.size());
    }
}
