package dev.runway.gateway.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.events.model.EventTarget;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The deliveries the worker holds, one lane (a FIFO queue) per rule target: only a lane's head
 * is tried, so each target gets its events in order, while a target that fails holds back its
 * own lane only — other targets and rules on the same partition go on. An event's offset becomes
 * committable once every delivery of it, and of every earlier event of its partition, is settled
 * (delivered, dead-lettered or abandoned); {@link #committable()} says up to where. Pure (no
 * Kafka, no HTTP, time passed in), used by the delivery thread only.
 */
final class DeliveryLanes {

    /** One event for one rule target, with its retry state. */
    static final class Delivery {
        final int partition;
        final long offset;
        final JsonNode event;
        final String ruleArn;
        final String ruleName;
        final String targetId;
        /** The target as the event matched it; each attempt uses the rule's target as it is then. */
        final EventTarget matchedTarget;
        int attempts;
        long nextAttemptAt;
        String lastFailure;

        Delivery(int partition, long offset, JsonNode event, String ruleArn, String ruleName, EventTarget target) {
            this.partition = partition;
            this.offset = offset;
            this.event = event;
            this.ruleArn = ruleArn;
            this.ruleName = ruleName;
            this.targetId = target.id();
            this.matchedTarget = target;
        }

        String lane() {
            return ruleArn + " " + targetId;
        }
    }

    /** A rule target an event goes to. */
    record Route(String ruleArn, String ruleName, EventTarget target) {
    }

    private final Map<String, ArrayDeque<Delivery>> lanes = new LinkedHashMap<>();
    /** Per partition: offset to the number of its deliveries not settled yet (0 for settled events). */
    private final Map<Integer, TreeMap<Long, Integer>> open = new HashMap<>();
    private int held;

    /** Takes an event (in offset order per partition) and the routes it matched (possibly none). */
    void add(int partition, long offset, JsonNode event, List<Route> routes) {
        open.computeIfAbsent(partition, p -> new TreeMap<>()).put(offset, routes.size());
        for (Route r : routes) {
            Delivery d = new Delivery(partition, offset, event, r.ruleArn(), r.ruleName(), r.target());
            lanes.computeIfAbsent(d.lane(), k -> new ArrayDeque<>()).addLast(d);
            held++;
        }
    }

    /** The heads of the lanes whose next attempt is due at {@code now} (epoch millis). */
    List<Delivery> due(long now) {
        List<Delivery> due = new ArrayList<>();
        for (ArrayDeque<Delivery> lane : lanes.values()) {
            Delivery head = lane.peekFirst();
            if (head != null && head.nextAttemptAt <= now) {
                due.add(head);
            }
        }
        return due;
    }

    /** The head delivery is done with (delivered, dead-lettered or abandoned): the lane moves on. */
    void settle(Delivery d) {
        ArrayDeque<Delivery> lane = lanes.get(d.lane());
        if (lane == null || lane.peekFirst() != d) {
            throw new IllegalStateException("only a lane's head is settled");
        }
        lane.removeFirst();
        if (lane.isEmpty()) {
            lanes.remove(d.lane());
        }
        held--;
        TreeMap<Long, Integer> events = open.get(d.partition);
        if (events != null) {
            events.computeIfPresent(d.offset, (o, n) -> n - 1);
        }
    }

    /**
     * Per partition, the offset to commit (one after the last event that, with all before it, is
     * settled), for partitions where that moved; those events are forgotten.
     */
    Map<Integer, Long> committable() {
        Map<Integer, Long> out = new HashMap<>();
        for (Map.Entry<Integer, TreeMap<Long, Integer>> p : open.entrySet()) {
            TreeMap<Long, Integer> events = p.getValue();
            Long next = null;
            while (!events.isEmpty() && events.firstEntry().getValue() == 0) {
                next = events.pollFirstEntry().getKey() + 1;
            }
            if (next != null) {
                out.put(p.getKey(), next);
            }
        }
        return out;
    }

    /** Events of the partition not yet committable (what backpressure counts). */
    int openEvents(int partition) {
        TreeMap<Long, Integer> events = open.get(partition);
        return events == null ? 0 : events.size();
    }

    /** Deliveries not settled yet. */
    int held() {
        return held;
    }

    /** When the earliest head is due (epoch millis), or Long.MAX_VALUE when nothing is held. */
    long nextDue() {
        long next = Long.MAX_VALUE;
        for (ArrayDeque<Delivery> lane : lanes.values()) {
            next = Math.min(next, lane.peekFirst().nextAttemptAt);
        }
        return next;
    }

    /** Forgets the partitions' events and deliveries (revoked: their new owner delivers them again). */
    void drop(Collection<Integer> partitions) {
        for (Iterator<ArrayDeque<Delivery>> it = lanes.values().iterator(); it.hasNext();) {
            ArrayDeque<Delivery> lane = it.next();
            int before = lane.size();
            lane.removeIf(d -> partitions.contains(d.partition));
            held -= before - lane.size();
            if (lane.isEmpty()) {
                it.remove();
            }
        }
        partitions.forEach(open::remove);
    }
}
