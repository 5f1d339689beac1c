package dev.runway.gateway.delivery;

import dev.runway.events.query.EventRuleChanges;
import dev.runway.gateway.registry.RegistryClient;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The delivery's copy of the rules ({@link RuleSet}), kept current from the registry: one cheap
 * question (the rule position) per round; when it moved, only the rule events after the copy's
 * position are read and applied one by one. The whole set is read at start, and again only if
 * the registry's rules went backwards (a projection rebuild).
 */
@ApplicationScoped
public class EventRuleIndex {

    static final int PAGE = 500;

    private final RegistryClient registry;
    private RuleSet rules = new RuleSet();
    private long position = -1;

    public EventRuleIndex(RegistryClient registry) {
        this.registry = registry;
    }

    /** The current rules; asks the registry whether they changed (throws ApiError when it cannot be read). */
    public synchronized RuleSet refresh() {
        long latest = registry.eventRulesPosition();
        if (latest == position) {
            return rules;
        }
        if (position < 0 || latest < position) {
            var snapshot = registry.eventRules();
            rules = RuleSet.of(snapshot);
            position = snapshot.position();
            Log.infof("event rules at position %d: %d rule(s)", position, rules.size());
            return rules;
        }
        int applied = 0;
        while (position < latest) {
            EventRuleChanges page = registry.eventRuleChanges(position, PAGE);
            if (page.changes().isEmpty()) {
                break; // the position moved without a rule event after ours: caught up
            }
            for (EventRuleChanges.Change change : page.changes()) {
                rules.put(change.ruleArn(), change.rule());
                position = change.position();
                applied++;
            }
        }
        position = Math.max(position, latest);
        Log.debugf("event rules at position %d: %d change(s) applied, %d rule(s)", position, applied, rules.size());
        return rules;
    }
}
