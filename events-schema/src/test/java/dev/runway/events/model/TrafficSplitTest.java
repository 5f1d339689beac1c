package dev.runway.events.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.model.TrafficSplit.Entry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficSplitTest {

    static final Map<Integer, String> REVISIONS = Map.of(1, "RETIRED", 2, "KEPT", 3, "SERVING", 4, "FAILED");
    static final String HOST = "demo-0123456789";

    private static String refused(List<Entry> asked) {
        return assertThrows(IllegalArgumentException.class, () -> TrafficSplit.check(asked, REVISIONS, HOST))
                .getMessage();
    }

    @Test
    void shouldTakeASplitThatSumsToAHundredBetweenServingAndKeptRevisions() {
        TrafficSplit split = TrafficSplit.check(List.of(new Entry(3, 90, null), new Entry(2, 10, "old")), REVISIONS,
                HOST);
        assertEquals(List.of(3, 2), split.withTraffic());
    }

    @Test
    void shouldKeepATaggedRevisionWithoutTrafficAndDropAnUntaggedOne() {
        TrafficSplit split = TrafficSplit.check(List.of(new Entry(3, 100, null), new Entry(2, 0, "canary")),
                REVISIONS, HOST);
        assertEquals(List.of(new Entry(3, 100, null), new Entry(2, 0, "canary")), split.entries());
        assertEquals(List.of(3), split.withTraffic());
        assertEquals(1, TrafficSplit.check(List.of(new Entry(3, 100, null), new Entry(2, 0, null)), REVISIONS, HOST)
                .entries().size());
    }

    @Test
    void shouldRefuseBadSplitsNamingTheMember() {
        assertTrue(refused(List.of()).startsWith("Traffic is required"));
        assertTrue(refused(List.of(new Entry(3, 90, null), new Entry(2, 20, null))).contains("sum to 110"));
        assertTrue(refused(List.of(new Entry(3, 101, null))).startsWith("Traffic[0].Percent"));
        assertTrue(refused(List.of(new Entry(3, 50, null), new Entry(9, 50, null))).startsWith("Traffic[1].Revision 9"));
        assertTrue(refused(List.of(new Entry(3, 50, null), new Entry(1, 50, null))).contains("is RETIRED"));
        assertTrue(refused(List.of(new Entry(3, 50, null), new Entry(4, 50, null))).contains("is FAILED"));
        assertTrue(refused(List.of(new Entry(3, 50, null), new Entry(3, 50, null))).contains("named twice"));
        assertTrue(refused(List.of(new Entry(3, 100, "Not_A_Label"))).startsWith("Traffic[0].Tag"));
        assertTrue(refused(List.of(new Entry(3, 100, "-x"))).contains("not a DNS label"));
        assertTrue(refused(List.of(new Entry(3, 100, "x".repeat(50)))).contains("too long"));
        assertTrue(refused(List.of(new Entry(3, 50, "a"), new Entry(2, 50, "a"))).contains("is taken"));
    }
}
