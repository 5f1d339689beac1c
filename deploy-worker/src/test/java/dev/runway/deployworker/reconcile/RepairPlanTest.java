package dev.runway.deployworker.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runway.deployworker.engine.Container;
import dev.runway.deployworker.rollout.Labels;
import dev.runway.events.model.Endpoint;
import dev.runway.events.query.RouteSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RepairPlanTest {

    static final String A = "arn:aws:apprunner:us-east-1:000000000000:service/a/0123456789abcdef0123456789abcdef";
    static final String GONE = "arn:aws:apprunner:us-east-1:000000000000:service/gone/fedcba9876543210fedcba9876543210";

    static RouteSnapshot.Route route(String arn, String status, String... instances) {
        return new RouteSnapshot.Route(arn, "a", "a-01234567.localhost", status, 7,
                List.of(instances).stream().map(i -> new Endpoint(i, "127.0.0.1", 20000)).toList());
    }

    static Container container(String arn, String instance, String state) {
        return new Container("id-" + instance, "runway-test-" + instance,
                Map.of(Labels.PLATFORM, "test", Labels.SERVICE_ARN, arn, Labels.INSTANCE, instance), state);
    }

    @Test
    void shouldDoNothingWhenEveryEndpointHasARunningContainer() {
        var plan = RepairPlan.decide(new RouteSnapshot(List.of(route(A, "RUNNING", "i1", "i2"))),
                List.of(container(A, "i1", "running"), container(A, "i2", "running")), Set.of());
        assertEquals(List.of(), plan);
    }

    @Test
    void shouldRestoreWhenAnInstanceIsDeadOrGone() {
        var plan = RepairPlan.decide(new RouteSnapshot(List.of(route(A, "RUNNING", "i1", "i2"))),
                List.of(container(A, "i1", "exited")), Set.of());
        assertEquals(List.of(new RepairPlan.Restore(A, "a", 2, List.of("i1", "i2"))), plan);
    }

    @Test
    void shouldRestoreTheScaledCount() {
        var scaled = new RouteSnapshot.Route(A, "a", "a-01234567.localhost", "RUNNING", 9,
                List.of(new Endpoint("i1", "127.0.0.1", 20000), new Endpoint("i2", "127.0.0.1", 20001)), 10, 5, 1, 4);
        var plan = RepairPlan.decide(new RouteSnapshot(List.of(scaled)), List.of(container(A, "i1", "running")),
                Set.of());
        assertEquals(List.of(new RepairPlan.Restore(A, "a", 4, List.of("i2"))), plan);
    }

    @Test
    void shouldReplaceAnInstanceThatKeepsFailingItsHealthCheck() {
        var plan = RepairPlan.decide(new RouteSnapshot(List.of(route(A, "RUNNING", "i1", "i2"))),
                List.of(container(A, "i1", "running"), container(A, "i2", "running")), Set.of("i2"));
        assertEquals(List.of(new RepairPlan.Restore(A, "a", 2, List.of("i2"))), plan);
    }

    @Test
    void shouldLeaveServicesInAnOperationToTheOperation() {
        var plan = RepairPlan.decide(new RouteSnapshot(List.of(route(A, "OPERATION_IN_PROGRESS", "i1"))), List.of(), Set.of());
        assertEquals(List.of(), plan);
    }

    @Test
    void shouldRemoveContainersOfServicesTheRegistryDoesNotKnow() {
        var plan = RepairPlan.decide(new RouteSnapshot(List.of(route(A, "RUNNING", "i1"))),
                List.of(container(A, "i1", "running"), container(GONE, "x1", "running"), container(GONE, "x2", "exited")), Set.of());
        assertEquals(List.of(new RepairPlan.RemoveOrphan(GONE, 2)), plan);
    }

    @Test
    void shouldTellTheRegistryWhenARevisionBesideTheActiveOneInASplitLostInstances() {
        // given a split: revision 2 (active, i1) takes 90 %, revision 1 (j1) 10 %
        var split = new RouteSnapshot.Route(A, "a", "a-01234567.localhost", "RUNNING", 9,
                List.of(new Endpoint("i1", "127.0.0.1", 20000)), null, null, null, 1, null, 2, List.of(
                        new dev.runway.events.model.RevisionTraffic(2, 90, null, List.of(new Endpoint("i1", "127.0.0.1", 20000))),
                        new dev.runway.events.model.RevisionTraffic(1, 10, "old", List.of(new Endpoint("j1", "127.0.0.1", 20001)))));

        // when revision 1's container died, then the registry is told (it holds revision 1's configuration)
        assertEquals(List.of(new RepairPlan.SplitRevisionLost(A, "a", 1, List.of("j1"))),
                RepairPlan.decide(new RouteSnapshot(List.of(split)),
                        List.of(container(A, "i1", "running"), container(A, "j1", "exited")), Set.of()));
        // and nothing while both run
        assertEquals(List.of(), RepairPlan.decide(new RouteSnapshot(List.of(split)),
                List.of(container(A, "i1", "running"), container(A, "j1", "running")), Set.of()));
    }
}
