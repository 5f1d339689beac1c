package dev.runway.registry.service;

import static dev.runway.registry.service.ServiceDeciderTest.ARN;
import static dev.runway.registry.service.ServiceDeciderTest.ENDPOINTS;
import static dev.runway.registry.service.ServiceDeciderTest.NOW;
import static dev.runway.registry.service.ServiceLifecycleTest.NEW_ENDPOINTS;
import static dev.runway.registry.service.ServiceLifecycleTest.OP;
import static dev.runway.registry.service.ServiceLifecycleTest.V2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.command.UpdateService;
import dev.runway.events.command.UpdateTraffic;
import dev.runway.events.command.UpdateTraffic.Target;
import dev.runway.events.deploy.DeployRevision;
import dev.runway.events.deploy.RetireRevisions;
import dev.runway.events.event.OperationFailed;
import dev.runway.events.event.OperationStarted;
import dev.runway.events.event.OperationSucceeded;
import dev.runway.events.event.ServiceEvent;
import dev.runway.events.event.TrafficRevisionReady;
import dev.runway.events.event.TrafficShiftStarted;
import dev.runway.events.event.TrafficShifted;
import dev.runway.events.model.OperationType;
import dev.runway.events.model.RevisionTraffic;
import dev.runway.events.model.ServiceStatus;
import dev.runway.events.report.RevisionDeployFailed;
import dev.runway.events.report.RevisionDeployed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Runway.UpdateTraffic: given a service on revision 2 with revision 1 kept, when a split, then. */
class TrafficDeciderTest {

    static final UUID TRAFFIC_OP = UUID.fromString("44444444-4444-4444-8444-444444444444");
    static final Map<Integer, String> STATUSES = Map.of(2, "SERVING", 1, "KEPT");

    /** Revision 1 served, then an update made revision 2 serve. */
    static List<ServiceEvent> onRevision2() throws Rejection {
        ServiceLifecycleTest.Given g = new ServiceLifecycleTest.Given().when(new UpdateService(ARN, OP, V2))
                .report(new RevisionDeployed(ARN, OP, 2, NEW_ENDPOINTS));
        return new ArrayList<>(g.history);
    }

    static List<ServiceEvent> decide(List<ServiceEvent> history, Map<Integer, String> statuses, Target... split)
            throws Rejection {
        return ServiceDecider.decide(new UpdateTraffic(ARN, TRAFFIC_OP, List.of(split)),
                ServiceDeciderTest.given(history), new dev.runway.registry.service.Facts(NOW, false, null, null, null,
                        statuses));
    }

    @Test
    void aSplitWithAKeptRevisionStartsItAndMovesTrafficOnlyOnceItIsHealthy() throws Rejection {
        List<ServiceEvent> history = onRevision2();
        List<ServiceEvent> appended = decide(history, STATUSES, new Target("LATEST", 90, null),
                new Target("1", 10, "old"));
        history.addAll(appended);

        assertEquals(OperationType.UPDATE_SERVICE, ((OperationStarted) appended.get(0)).operationType());
        assertInstanceOf(TrafficShiftStarted.class, appended.get(2));
        assertEquals(3, appended.size(), "revision 1 runs no instances yet: traffic waits");
        ServiceState during = ServiceDeciderTest.given(history);
        assertEquals(ServiceStatus.OPERATION_IN_PROGRESS, during.status());
        DeployRevision start = (DeployRevision) ServiceProcess.react(appended, during).get(0);
        assertEquals(1, start.revision());
        assertEquals(TRAFFIC_OP, start.operationId());

        var r1 = List.of(new dev.runway.events.model.Endpoint("aaaa1111", "127.0.0.1", 20100));
        List<ServiceEvent> done = ServiceDecider.onReport(new RevisionDeployed(ARN, TRAFFIC_OP, 1, r1), during, NOW);
        history.addAll(done);

        assertInstanceOf(TrafficRevisionReady.class, done.get(0));
        TrafficShifted shifted = (TrafficShifted) done.get(1);
        assertEquals(List.of(new RevisionTraffic(2, 90, null, NEW_ENDPOINTS), new RevisionTraffic(1, 10, "old", r1)),
                shifted.traffic());
        assertInstanceOf(OperationSucceeded.class, done.get(2));
        ServiceState after = ServiceDeciderTest.given(history);
        assertEquals(ServiceStatus.RUNNING, after.status());
        assertEquals(List.of(new RetireRevisions(ARN, TRAFFIC_OP, 2, List.of(2, 1))),
                ServiceProcess.react(done, after));
    }

    @Test
    void aSplitOfRunningRevisionsMovesAtOnceAndAllToLatestEndsTheSplit() throws Rejection {
        List<ServiceEvent> history = onRevision2();
        List<ServiceEvent> appended = decide(history, STATUSES, new Target("2", 100, null));

        TrafficShifted shifted = (TrafficShifted) appended.get(3);
        assertEquals(List.of(), shifted.traffic(), "all to the active revision: App Runner's own behaviour");
        history.addAll(appended);
        assertEquals(ServiceStatus.RUNNING, ServiceDeciderTest.given(history).status());
    }

    @Test
    void aRevisionThatCannotStartLeavesTrafficAsItWasAndTheServiceRunning() throws Rejection {
        List<ServiceEvent> history = onRevision2();
        history.addAll(decide(history, STATUSES, new Target("LATEST", 50, null), new Target("1", 50, null)));

        List<ServiceEvent> failed = ServiceDecider.onReport(new RevisionDeployFailed(ARN, TRAFFIC_OP, 1, "exited"),
                ServiceDeciderTest.given(history), NOW);
        history.addAll(failed);

        assertInstanceOf(OperationFailed.class, failed.get(1));
        ServiceState after = ServiceDeciderTest.given(history);
        assertEquals(ServiceStatus.RUNNING, after.status());
        assertEquals(List.of(), after.traffic().split());
        assertEquals(2, after.activeRevision());
    }

    @Test
    void aNewDeploymentTakesAllTheTrafficAgain() throws Rejection {
        List<ServiceEvent> history = onRevision2();
        history.addAll(decide(history, STATUSES, new Target("LATEST", 50, null), new Target("1", 50, null)));
        history.addAll(ServiceDecider.onReport(new RevisionDeployed(ARN, TRAFFIC_OP, 1, ENDPOINTS),
                ServiceDeciderTest.given(history), NOW));
        assertEquals(2, ServiceDeciderTest.given(history).traffic().split().size());

        UUID op3 = UUID.randomUUID();
        history.addAll(ServiceDecider.decide(new dev.runway.events.command.StartDeployment(ARN, op3),
                ServiceDeciderTest.given(history), new Facts(NOW, false, null)));
        history.addAll(ServiceDecider.onReport(new RevisionDeployed(ARN, op3, 3, NEW_ENDPOINTS),
                ServiceDeciderTest.given(history), NOW));

        assertEquals(List.of(), ServiceDeciderTest.given(history).traffic().split());
    }

    @Test
    void badSplitsAreRefusedNamingTheFieldAndChangeNothing() throws Rejection {
        List<ServiceEvent> history = onRevision2();
        assertRefused(history, "sum to 90", new Target("LATEST", 80, null), new Target("1", 10, null));
        assertRefused(history, "Traffic[1].Revision 7", new Target("LATEST", 90, null), new Target("7", 10, null));
        assertRefused(Map.of(2, "SERVING", 1, "RETIRED"), history, "Traffic[1].Revision 1 is RETIRED",
                new Target("LATEST", 90, null), new Target("1", 10, null));
        assertRefused(history, "Traffic[1].Tag 'Not_A_Label'", new Target("LATEST", 90, null),
                new Target("1", 10, "Not_A_Label"));
        assertRefused(history, "Traffic[1].Tag 'x' is taken", new Target("LATEST", 90, "x"),
                new Target("1", 10, "x"));
        assertRefused(history, "Traffic[0].Revision 'newest'", new Target("newest", 100, null));
    }

    @Test
    void aRevisionBesideTheActiveOneThatLostItsInstancesLeavesTheSplitAndIsStartedAgain() throws Rejection {
        // given a 50/50 split whose revision 1 runs at ENDPOINTS
        List<ServiceEvent> history = onRevision2();
        history.addAll(decide(history, STATUSES, new Target("LATEST", 50, null), new Target("1", 50, "old")));
        history.addAll(ServiceDecider.onReport(new RevisionDeployed(ARN, TRAFFIC_OP, 1, ENDPOINTS),
                ServiceDeciderTest.given(history), NOW));

        // when the reconciler finds revision 1's instance gone
        var lost = new dev.runway.events.report.RevisionInstancesLost(ARN, null, 1,
                List.of(ENDPOINTS.get(0).instanceId()), "instance was gone");
        List<ServiceEvent> appended = ServiceDecider.onReport(lost, ServiceDeciderTest.given(history), NOW);
        history.addAll(appended);

        // then it leaves the split at once, the reason is recorded, and it is started again
        TrafficShifted shifted = (TrafficShifted) appended.get(0);
        assertEquals(List.of(), shifted.traffic().get(1).endpoints());
        assertInstanceOf(dev.runway.events.event.InstancesReplaced.class, appended.get(1));
        DeployRevision again = (DeployRevision) ServiceProcess.react(appended, ServiceDeciderTest.given(history)).get(0);
        assertEquals(1, again.revision());
        assertEquals(null, again.operationId());
        assertEquals(List.of(), ServiceDecider.onReport(lost, ServiceDeciderTest.given(history), NOW),
                "reported again: already out");

        // and once it runs, its new endpoints join the split
        var fresh = List.of(new dev.runway.events.model.Endpoint("cccc3333", "127.0.0.1", 20200));
        List<ServiceEvent> repaired = ServiceDecider.onReport(new RevisionDeployed(ARN, null, 1, fresh),
                ServiceDeciderTest.given(history), NOW);
        history.addAll(repaired);
        assertEquals(fresh, ServiceDeciderTest.given(history).traffic().split().get(1).endpoints());
        assertEquals(List.of(), ServiceProcess.react(repaired, ServiceDeciderTest.given(history)));
    }

    private static void assertRefused(List<ServiceEvent> history, String says, Target... split) {
        assertRefused(STATUSES, history, says, split);
    }

    private static void assertRefused(Map<Integer, String> statuses, List<ServiceEvent> history, String says,
            Target... split) {
        Rejection r = assertThrows(Rejection.class, () -> decide(history, statuses, split));
        assertEquals(Rejection.INVALID_REQUEST, r.errorType());
        assertTrue(r.getMessage().contains(says), r.getMessage());
    }
}
