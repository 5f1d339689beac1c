package dev.runway.registry.rule;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The event rule aggregate as pure functions. The gateway has validated shapes and patterns; this
 * decides what depends on the rule's history: whether it exists, whether it may be deleted, and
 * how many targets it may have. Error types are EventBridge's.
 */
public final class RuleDecider {

    /** EventBridge's quota of targets per rule. */
    public static final int MAX_TARGETS = 5;

    public static boolean handles(Command command) {
        return command instanceof PutEventRule || command instanceof SetEventRuleState
                || command instanceof DeleteEventRule || command instanceof PutEventTargets
                || command instanceof RemoveEventTargets;
    }

    public static List<EventRuleEvent> decide(Command command, RuleState state, Instant now) throws Rejection {
        if (command instanceof PutEventRule p) {
            List<EventTarget> targets = state.exists() ? state.current().targets() : List.of();
            EventRuleChanged next = new EventRuleChanged(p.ruleArn(), p.name(), p.eventPattern(), p.state(),
                    p.description(), targets, now);
            return state.exists() && same(state.current(), next) ? List.of() : List.of(next);
        }
        EventRuleChanged rule = state.current();
        if (command instanceof DeleteEventRule) {
            if (rule == null) {
                return List.of(); // deleting a rule that is not there changes nothing, as in EventBridge
            }
            if (!rule.targets().isEmpty()) {
                throw new Rejection("ValidationException", "Rule can't be deleted since it has targets ("
                        + String.join(", ", RuleState.ids(rule)) + "). Remove them first with remove-targets.");
            }
            return List.of(new EventRuleDeleted(rule.ruleArn(), now));
        }
        if (rule == null) {
            throw new Rejection("ResourceNotFoundException", "Rule " + nameOf(command.resourceArn())
                    + " does not exist on EventBus default.");
        }
        if (command instanceof SetEventRuleState s) {
            return rule.state().equals(s.state()) ? List.of() : List.of(with(rule, s.state(), rule.targets(), now));
        }
        if (command instanceof PutEventTargets p) {
            Map<String, EventTarget> byId = new LinkedHashMap<>();
            rule.targets().forEach(t -> byId.put(t.id(), t));
            p.targets().forEach(t -> byId.put(t.id(), t));
            if (byId.size() > MAX_TARGETS) {
                throw new Rejection("LimitExceededException", "The requested resource exceeds the maximum number"
                        + " allowed: a rule has at most " + MAX_TARGETS + " targets (it would have " + byId.size() + ").");
            }
            return List.of(with(rule, rule.state(), new ArrayList<>(byId.values()), now));
        }
        if (command instanceof RemoveEventTargets r) {
            List<EventTarget> kept = rule.targets().stream().filter(t -> !r.targetIds().contains(t.id())).toList();
            return kept.size() == rule.targets().size() ? List.of() : List.of(with(rule, rule.state(), kept, now));
        }
        throw new IllegalArgumentException("not an event rule command: " + command.getClass().getSimpleName());
    }

    public static RuleState evolve(RuleState state, EventRuleEvent event) {
        if (event instanceof EventRuleChanged c) {
            return new RuleState(state.version() + 1, c);
        }
        return new RuleState(state.version() + 1, null);
    }

    /** The rule's name: the ARN's last segment ({@code arn:aws:events:region:account:rule/<name>}). */
    public static String nameOf(String ruleArn) {
        return ruleArn.substring(ruleArn.lastIndexOf('/') + 1);
    }

    private static EventRuleChanged with(EventRuleChanged rule, String state, List<EventTarget> targets, Instant now) {
        return new EventRuleChanged(rule.ruleArn(), rule.name(), rule.eventPattern(), state, rule.description(),
                targets, now);
    }

    private static boolean same(EventRuleChanged a, EventRuleChanged b) {
        return java.util.Objects.equals(a.eventPattern(), b.eventPattern()) && a.state().equals(b.state())
                && java.util.Objects.equals(a.description(), b.description());
    }

    private RuleDecider() {
    }
}
