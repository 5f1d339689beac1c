package dev.runway.registry.rule;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.runway.events.event.EventRuleChanged;
import dev.runway.events.event.EventRuleEvent;
import dev.runway.events.wire.Json;
import io.quarkus.hibernate.orm.panache.Panache;
import java.io.UncheckedIOException;

/** Applies rule events to {@code event_rule_view}; skips what it applied before (rebuilds replay the log). */
public final class RuleProjection {

    public static void apply(EventRuleEvent event, long position) {
        EventRuleView view = EventRuleView.findById(event.ruleArn());
        if (view != null && view.lastPosition >= position) {
            return;
        }
        if (event instanceof EventRuleChanged c) {
            if (view == null) {
                view = new EventRuleView();
                view.ruleArn = c.ruleArn();
            }
            view.name = c.name();
            view.eventPattern = c.eventPattern();
            view.state = c.state();
            view.description = c.description();
            view.targets = json(c.targets());
            view.updatedAt = c.changedAt();
            view.lastPosition = position;
            view.persist();
        } else if (view != null) {
            view.delete();
        }
        Panache.getEntityManager().createNativeQuery(
                "update event_rule_position set last_position = greatest(last_position, ?1) where id = 1")
                .setParameter(1, position).executeUpdate();
    }

    public static void clear() {
        EventRuleView.deleteAll();
        Panache.getEntityManager().createNativeQuery("update event_rule_position set last_position = 0 where id = 1")
                .executeUpdate();
    }

    public static long position() {
        Object value = Panache.getEntityManager()
                .createNativeQuery("select last_position from event_rule_position where id = 1").getSingleResult();
        return ((Number) value).longValue();
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RuleProjection() {
    }
}
