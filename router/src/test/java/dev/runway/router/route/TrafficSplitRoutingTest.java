package dev.runway.router.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.event.RevisionActivated;
import dev.runway.events.event.ServiceCreated;
import dev.runway.events.event.ServiceStatusChanged;
import dev.runway.events.event.TrafficShifted;
import dev.runway.events.model.Endpoint;
import dev.runway.events.model.RevisionTraffic;
import dev.runway.events.model.ServiceStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A split service: given its events, when requests come, then they go by the shares and tags. */
class TrafficSplitRoutingTest {

    private static final String ARN = "arn:aws:apprunner:us-east-1:000000000000:service/demo/0123abcd0123abcd0123abcd0123abcd";
    private static final String HOST = "demo-0123abcd.localhost";
    private static final Endpoint R2 = new Endpoint("r2000000", "127.0.0.1", 20002);
    private static final Endpoint R2_SCALED = new Endpoint("r2000001", "127.0.0.1", 20003);
    private static final Endpoint R1 = new Endpoint("r1000000", "127.0.0.1", 20001);
    private static final UUID OP = UUID.randomUUID();

    private static RouteTable splitNinetyTen() {
        RouteTable table = new RouteTable();
        table.loadSnapshot(List.of());
        table.apply(new ServiceCreated(ARN, "0123abcd", "demo", HOST + ":8080", null, List.of(), Instant.now()), 1);
        table.apply(new ServiceStatusChanged(ARN, null, ServiceStatus.RUNNING, "ok"), 2);
        table.apply(new RevisionActivated(ARN, OP, 2, List.of(R2)), 3);
        table.apply(new TrafficShifted(ARN, OP, List.of(new RevisionTraffic(2, 90, null, List.of(R2)),
                new RevisionTraffic(1, 10, "old", List.of(R1)))), 4);
        return table;
    }

    @Test
    void untaggedRequestsGoByTheSharesAndTheActiveRevisionsEndpointsFollowScaling() {
        RouteTable table = splitNinetyTen();
        table.apply(new RevisionActivated(ARN, null, 2, List.of(R2, R2_SCALED)), 5); // a scale-out keeps the split

        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            Route r = table.route(HOST).orElseThrow().forRequest();
            counts.merge(r.revision(), 1, Integer::sum);
            assertEquals(r.revision() == 2 ? List.of(R2, R2_SCALED) : List.of(R1), r.endpoints());
        }
        assertEquals(Map.of(2, 900, 1, 100), counts);
    }

    @Test
    void aTaggedHostReachesOnlyItsRevisionAndAnUnknownTagNothing() {
        RouteTable table = splitNinetyTen();

        for (int i = 0; i < 20; i++) {
            Route r = table.route("old--" + HOST).orElseThrow().forRequest();
            assertEquals(List.of(R1), r.endpoints());
        }
        assertTrue(table.route("new--" + HOST).isEmpty());
    }

    @Test
    void aDeploymentEndsTheSplit() {
        RouteTable table = splitNinetyTen();
        table.apply(new RevisionActivated(ARN, UUID.randomUUID(), 3, List.of(R2_SCALED)), 5);

        assertEquals(List.of(R2_SCALED), table.route(HOST).orElseThrow().forRequest().endpoints());
        assertTrue(table.route("old--" + HOST).isEmpty());
    }

    @Test
    void aRevisionWithoutInstancesLeftHasItsShareAnsweredByTheActiveOneMeanwhile() {
        RouteTable table = splitNinetyTen();
        table.apply(new TrafficShifted(ARN, null, List.of(new RevisionTraffic(2, 90, null, List.of(R2)),
                new RevisionTraffic(1, 10, "old", List.of()))), 5);

        for (int i = 0; i < 100; i++) {
            assertEquals(List.of(R2), table.route(HOST).orElseThrow().forRequest().endpoints());
        }
        assertEquals(List.of(), table.route("old--" + HOST).orElseThrow().endpoints());
    }
}
