package dev.runway.gateway.delivery;

import dev.runway.events.query.EventRuleSnapshot;
import dev.runway.gateway.registry.RegistryClient;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.event.ruler.GenericMachine;

/**
 * The enabled rules with targets, compiled into one event-ruler machine so an event is matched
 * against all of them at once. Kept current by the registry's rule position: one cheap question
 * before each batch, a full re-read only when a rule changed.
 */
@ApplicationScoped
public class EventRuleIndex {

    /** The rules as of one position, and their machine. */
    public record Compiled(long position, Map<String, EventRuleSnapshot.Rule> byName, GenericMachine<String> machine) {

        /** Enabled rules whose pattern matches the event (a JSON object). */
        public List<EventRuleSnapshot.Rule> matching(String eventJson) {
            try {
                return machine.rulesForJSONEvent(eventJson).stream().distinct().map(byName::get).toList();
            } catch (Exception e) {
                Log.warnf("event is not matchable JSON (%s); it matches no rule", e.getMessage());
                return List.of();
            }
        }
    }

    private final RegistryClient registry;
    private volatile Compiled current = new Compiled(-1, Map.of(), new GenericMachine<>());

    public EventRuleIndex(RegistryClient registry) {
        this.registry = registry;
    }

    /** The current rules; asks the registry whether they changed (throws when it cannot be read). */
    public Compiled refresh() {
        long position = registry.eventRulesPosition();
        Compiled known = current;
        if (position == known.position()) {
            return known;
        }
        EventRuleSnapshot snapshot = registry.eventRules();
        current = compile(snapshot);
        Log.infof("event rules at position %d: %d rule(s)", snapshot.position(), snapshot.rules().size());
        return current;
    }

    public static Compiled compile(EventRuleSnapshot snapshot) {
        GenericMachine<String> machine = new GenericMachine<>();
        Map<String, EventRuleSnapshot.Rule> byName = new HashMap<>();
        for (EventRuleSnapshot.Rule rule : snapshot.rules()) {
            if (!rule.enabled() || rule.targets().isEmpty() || rule.eventPattern() == null) {
                continue;
            }
            try {
                machine.addRule(rule.name(), rule.eventPattern());
                byName.put(rule.name(), rule);
            } catch (Exception e) {
                Log.warnf("rule %s has a pattern event-ruler refuses (%s); it matches nothing", rule.name(), e.getMessage());
            }
        }
        return new Compiled(snapshot.position(), byName, machine);
    }
}
