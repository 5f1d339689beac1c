package dev.runway.gateway.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.events.model.EventTarget;
import dev.runway.events.wire.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryLanesTest {

    static final EventTarget BROKEN = new EventTarget("broken", "http://127.0.0.1:1/", null, null, null, null, null, 2, 60, null);
    static final EventTarget HOOK = new EventTarget("hook", "http://127.0.0.1:2/", null, null, null, null, null, 2, 60, null);
    static final DeliveryLanes.Route TO_BROKEN = new DeliveryLanes.Route("arn:rule/a", "a", BROKEN);
    static final DeliveryLanes.Route TO_HOOK = new DeliveryLanes.Route("arn:rule/b", "b", HOOK);

    static JsonNode event(int n) {
        return Json.MAPPER.createObjectNode().put("id", "e" + n);
    }

    @Test
    void shouldKeepDeliveringOtherTargetsWhileOneIsRetried() {
        DeliveryLanes lanes = new DeliveryLanes();
        for (int i = 0; i < 3; i++) {
            lanes.add(0, i, event(i), List.of(TO_BROKEN, TO_HOOK));
        }
        // the broken target's head waits for its retry; the hook's lane delivers all three in order
        DeliveryLanes.Delivery brokenHead = lanes.due(0).stream().filter(d -> d.targetId.equals("broken")).findFirst().orElseThrow();
        brokenHead.nextAttemptAt = 10_000;
        for (int i = 0; i < 3; i++) {
            List<DeliveryLanes.Delivery> due = lanes.due(1);
            assertEquals(1, due.size(), "only the hook's head is due");
            assertEquals("e" + i, due.get(0).event.path("id").asText(), "in order");
            lanes.settle(due.get(0));
        }
        assertEquals(Map.of(), lanes.committable(), "nothing committable while event 0 waits for the broken target");
        assertEquals(3, lanes.openEvents(0));
        // the broken target's policy runs out: each event is settled (dead-lettered), and the offsets move
        lanes.settle(brokenHead);
        assertEquals(Map.of(0, 1L), lanes.committable());
        for (DeliveryLanes.Delivery d : lanes.due(20_000)) {
            lanes.settle(d);
        }
        lanes.settle(lanes.due(20_000).get(0));
        assertEquals(Map.of(0, 3L), lanes.committable());
        assertEquals(0, lanes.held());
        assertEquals(Long.MAX_VALUE, lanes.nextDue());
    }

    @Test
    void shouldCommitEventsNoRuleMatchedAtOnceAndPartitionsIndependently() {
        DeliveryLanes lanes = new DeliveryLanes();
        lanes.add(0, 7, event(1), List.of());
        lanes.add(1, 3, event(2), List.of(TO_HOOK));
        lanes.add(0, 8, event(3), List.of());
        assertEquals(Map.of(0, 9L), lanes.committable());
        lanes.settle(lanes.due(0).get(0));
        assertEquals(Map.of(1, 4L), lanes.committable());
        assertEquals(Map.of(), lanes.committable(), "reported once");
    }

    @Test
    void shouldForgetRevokedPartitions() {
        DeliveryLanes lanes = new DeliveryLanes();
        lanes.add(0, 0, event(1), List.of(TO_HOOK));
        lanes.add(1, 0, event(2), List.of(TO_HOOK));
        lanes.drop(List.of(0));
        assertEquals(1, lanes.held());
        List<DeliveryLanes.Delivery> due = lanes.due(0);
        assertEquals("e2", due.get(0).event.path("id").asText());
        lanes.settle(due.get(0));
        assertEquals(Map.of(1, 1L), lanes.committable());
        assertTrue(lanes.due(0).isEmpty());
    }
}
