package dev.runway.gateway.delivery;

import dev.runway.events.model.EventTarget;
import dev.runway.events.query.EventRuleSnapshot;
import io.quarkus.logging.Log;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.event.ruler.GenericMachine;

/**
 * The live rules and one event-ruler machine over the enabled ones with targets (keyed by rule
 * ARN), so an event is matched against all rules at once. Changed one rule at a time: a change
 * deletes the rule's old pattern from the machine and adds the new one, which costs the same with
 * 10 rules as with 1,000 (a full recompile grows with the rule count). Not thread-safe: the
 * delivery thread owns it.
 */
public final class RuleSet {

    private final Map<String, EventRuleSnapshot.Rule> rules = new HashMap<>();
    /** Rule ARN to the pattern it is in the machine with. */
    private final Map<String, String> matched = new HashMap<>();
    private GenericMachine<String> machine = new GenericMachine<>();

    public static RuleSet of(EventRuleSnapshot snapshot) {
        RuleSet set = new RuleSet();
        snapshot.rules().forEach(r -> set.put(r.ruleArn(), r));
        return set;
    }

    /** The rule as it now is ({@code rule == null}: deleted). */
    public void put(String ruleArn, EventRuleSnapshot.Rule rule) {
        String old = matched.remove(ruleArn);
        if (old != null) {
            try {
                machine.deleteRule(ruleArn, old);
            } catch (Exception e) {
                // cannot happen for a pattern the machine took; start the machine over rather than match stale
                Log.warnf("rule %s: removing its old pattern failed (%s); rebuilding the matcher", ruleArn, e.getMessage());
                rebuild();
            }
        }
        if (rule == null) {
            rules.remove(ruleArn);
            return;
        }
        rules.put(ruleArn, rule);
        addToMachine(rule);
    }

    private void addToMachine(EventRuleSnapshot.Rule rule) {
        if (!rule.enabled() || rule.targets().isEmpty() || rule.eventPattern() == null) {
            return;
        }
        try {
            machine.addRule(rule.ruleArn(), rule.eventPattern());
            matched.put(rule.ruleArn(), rule.eventPattern());
        } catch (Exception e) {
            Log.warnf("rule %s has a pattern event-ruler refuses (%s); it matches nothing", rule.name(), e.getMessage());
        }
    }

    private void rebuild() {
        machine = new GenericMachine<>();
        matched.clear();
        rules.values().forEach(this::addToMachine);
    }

    /** Enabled rules with targets whose pattern matches the event (a JSON object). */
    public List<EventRuleSnapshot.Rule> matching(String eventJson) {
        try {
            return machine.rulesForJSONEvent(eventJson).stream().distinct().map(rules::get).filter(Objects::nonNull)
                    .toList();
        } catch (Exception e) {
            Log.warnf("event is not matchable JSON (%s); it matches no rule", e.getMessage());
            return List.of();
        }
    }

    /** The live rule, disabled ones included; null when deleted. */
    public EventRuleSnapshot.Rule rule(String ruleArn) {
        return rules.get(ruleArn);
    }

    /** The rule's target with that id as it now is; null when the rule or the target is gone. */
    public EventTarget target(String ruleArn, String targetId) {
        EventRuleSnapshot.Rule rule = rules.get(ruleArn);
        if (rule == null) {
            return null;
        }
        return rule.targets().stream().filter(t -> t.id().equals(targetId)).findFirst().orElse(null);
    }

    public int size() {
        return rules.size();
    }
}
