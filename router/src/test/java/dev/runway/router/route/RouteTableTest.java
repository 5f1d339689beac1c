package dev.runway.router.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.Envelope;
import dev.runway.events.event.DeploymentStarted;
import dev.runway.events.event.RevisionActivated;
import dev.runway.events.event.ServiceCreated;
import dev.runway.events.event.ServiceDeleted;
import dev.runway.events.event.ServiceEvent;
import dev.runway.events.event.ServiceInstancesStopped;
import dev.runway.events.event.ServiceStatusChanged;
import dev.runway.events.model.Endpoint;
import dev.runway.events.model.ServiceStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Given a snapshot and events, then the table routes as the registry decided. */
class RouteTableTest {

    private static final String DEMO_ARN = "arn:aws:apprunner:us-east-1:000000000000:service/demo/0123abcd0123abcd0123abcd0123abcd";
    private static final String DEMO_HOST = "demo-0123abcd.localhost";
    private static final String OTHER_ARN = "arn:aws:apprunner:us-east-1:000000000000:service/other/ffff0000ffff0000ffff0000ffff0000";
    private static final Endpoint E1 = new Endpoint("ab12cd34", "127.0.0.1", 20001);
    private static final Endpoint E2 = new Endpoint("ef56ab78", "127.0.0.1", 20002);
    private static final UUID OP = UUID.randomUUID();

    private final RouteTable table = new RouteTable();

    @Test
    void shouldKnowNothingBeforeTheSnapshot() {
        assertFalse(table.isLoaded());
        assertEquals(Optional.empty(), table.route(DEMO_HOST));
    }

    @Test
    void shouldServeTheSnapshot() {
        table.loadSnapshot(List.of(demo(ServiceStatus.RUNNING, 12, E1)));

        assertTrue(table.isLoaded());
        assertEquals(List.of(E1), table.route(DEMO_HOST).orElseThrow().endpoints());
        assertEquals(1, table.size());
    }

    @Test
    void shouldRouteAWildcardCustomDomainOneLabelDeepAndAnExactOneFirst() {
        table.loadSnapshot(List.of(demo(ServiceStatus.RUNNING, 12, E1)));
        table.aliases(java.util.Map.of("*.example.test", DEMO_ARN));

        assertEquals(DEMO_ARN, table.route("shop.example.test").orElseThrow().serviceArn());
        assertEquals(Optional.empty(), table.route("a.shop.example.test"));
        assertEquals(Optional.empty(), table.route("example.test"));
        assertEquals(DEMO_ARN, table.route(DEMO_HOST).orElseThrow().serviceArn());
    }

    @Test
    void shouldLoadAnEmptySnapshot() {
        table.loadSnapshot(List.of());

        assertTrue(table.isLoaded());
        assertEquals(0, table.size());
    }

    @Test
    void shouldFollowAServiceFromCreationToRunning() {
        table.loadSnapshot(List.of());

        assertInstanceOf(RouteChange.Added.class, table.apply(event(1, created(DEMO_ARN, "demo", "Demo-0123abcd.localhost:8080"))));
        Route creating = table.route(DEMO_HOST).orElseThrow();
        assertEquals(ServiceStatus.OPERATION_IN_PROGRESS, creating.status());
        assertEquals(List.of(), creating.endpoints());
        assertEquals("demo", creating.serviceName());

        table.apply(event(2, new DeploymentStarted(DEMO_ARN, OP, 1, "127.0.0.1:5000/app:1", null)));
        table.apply(event(3, new RevisionActivated(DEMO_ARN, OP, 1, List.of(E1, E2))));
        table.apply(event(4, statusChanged(ServiceStatus.OPERATION_IN_PROGRESS, ServiceStatus.RUNNING)));

        Route running = table.route(DEMO_HOST).orElseThrow();
        assertEquals(List.of(E1, E2), running.endpoints());
        assertEquals(ServiceStatus.RUNNING, running.status());
        assertEquals(4, running.streamVersion());
    }

    @Test
    void shouldKnowAServiceIsColdFromScaledToZeroUntilItsWokenInstancesAreReady() {
        table.loadSnapshot(List.of());
        table.apply(event(1, created(DEMO_ARN, "demo", "Demo-0123abcd.localhost:8080")));
        table.apply(event(2, new RevisionActivated(DEMO_ARN, OP, 1, List.of(E1, E2))));
        table.apply(event(3, statusChanged(ServiceStatus.OPERATION_IN_PROGRESS, ServiceStatus.RUNNING)));
        assertFalse(table.route(DEMO_HOST).orElseThrow().cold());

        table.apply(event(4, new dev.runway.events.event.ServiceScaled(DEMO_ARN, 1, 2, 0, "idle")));
        assertFalse(table.route(DEMO_HOST).orElseThrow().cold(), "still serving until it leaves traffic");
        table.apply(event(5, new RevisionActivated(DEMO_ARN, null, 1, List.of())));
        assertTrue(table.route(DEMO_HOST).orElseThrow().cold(), "scaled to zero");

        table.apply(event(6, new dev.runway.events.event.ServiceScaled(DEMO_ARN, 1, 0, 2, "cold start")));
        assertTrue(table.route(DEMO_HOST).orElseThrow().cold(), "waking: requests are still held");
        table.apply(event(7, new RevisionActivated(DEMO_ARN, null, 1, List.of(E1))));
        assertFalse(table.route(DEMO_HOST).orElseThrow().cold(), "an instance is ready");
        table.apply(event(8, new RevisionActivated(DEMO_ARN, null, 1, List.of())));
        assertFalse(table.route(DEMO_HOST).orElseThrow().cold(), "no instances but 2 wanted: not a cold start");
    }

    @Test
    void shouldTakeTheServiceLimitsFromItsEvents() {
        table.loadSnapshot(List.of());
        table.apply(event(1, created(DEMO_ARN, "demo", "Demo-0123abcd.localhost:8080")));
        assertEquals(0, table.route(DEMO_HOST).orElseThrow().maxConcurrency(), "unknown: the router's default");

        table.apply(event(2, new dev.runway.events.event.ServiceScalingLimitsChanged(DEMO_ARN, "arn:asc",
                new dev.runway.events.model.AutoScalingLimits(1, 5, 10))));

        Route limited = table.route(DEMO_HOST).orElseThrow();
        assertEquals(10, limited.maxConcurrency());
        assertEquals(5, limited.maxSize());
        assertEquals(2, limited.streamVersion());
    }

    @Test
    void shouldOnlyAdvanceTheVersionForEventsThatDoNotChangeRouting() {
        table.loadSnapshot(List.of(demo(ServiceStatus.RUNNING, 12, E1)));

        RouteChange change = table.apply(event(13, new DeploymentStarted(DEMO_ARN, OP, 2, "img", null)));

        assertEquals(new RouteChange.VersionAdvanced(DEMO_ARN, 13), change);
        assertEquals(13, table.route(DEMO_HOST).orElseThrow().streamVersion());
        assertEquals(List.of(E1), table.route(DEMO_HOST).orElseThrow().endpoints());
    }

    @Test
    void shouldSkipEventsTheSnapshotAlreadyReflects() {
        table.loadSnapshot(List.of(demo(ServiceStatus.RUNNING, 12, E1)));

        // replayed from the offsets recorded before the snapshot was read
        RouteChange created = table.apply(event(1, created(DEMO_ARN, "demo", DEMO_HOST)));
        RouteChange stopped = table.apply(event(11, new ServiceInstancesStopped(DEMO_ARN, OP)));
        RouteChange same = table.apply(event(12, new ServiceInstancesStopped(DEMO_ARN, OP)));

        assertInstanceOf(RouteChange.Skipped.class, created);
        assertInstanceOf(RouteChange.Skipped.class, stopped);
        assertInstanceOf(RouteChange.Skipped.class, same);
        assertEquals(List.of(E1), table.route(DEMO_HOST).orElseThrow().endpoints());
        assertEquals(ServiceStatus.RUNNING, table.route(DEMO_HOST).orElseThrow().status());
    }

    @Test
    void shouldIgnoreAnOlderEventArrivingAfterANewerOne() {
        table.loadSnapshot(List.of(demo(ServiceStatus.RUNNING, 12, E1)));

        table.apply(event(14, new RevisionActivated(DEMO_ARN, OP, 3, List.of(E2))));
        RouteChange late = table.apply(event(13, new RevisionActivated(DEMO_ARN, OP, 2, List.of(E1, E2))));

        assertInstanceOf(RouteChange.Skipped.class, late);
        assertEquals(List.of(E2), table.route(DEMO_HOST).orElseThrow().endpoints());
        assertEquals(14, table.route(DEMO_HOST).orElseThrow().streamVersion());
    }

    @Test
    void shouldApplyTheSameEventOnlyOnce() {
        table.loadSnapshot(List.of());
        Envelope activated = event(2, new RevisionActivated(DEMO_ARN, OP, 1, List.of(E1)));

        table.apply(event(1, created(DEMO_ARN, "demo", DEMO_HOST)));
        RouteChange first = table.apply(activated);
        RouteChange again = table.apply(activated);

        assertInstanceOf(RouteChange.Updated.class, first);
        assertInstanceOf(RouteChange.Skipped.class, again);
    }

    @Test
    void shouldClearEndpointsWhenInstancesStopAndKeepTheStatusForThe503() {
        table.loadSnapshot(List.of(demo(ServiceStatus.RUNNING, 12, E1)));

        table.apply(event(13, new ServiceInstancesStopped(DEMO_ARN, OP)));
        table.apply(event(14, statusChanged(ServiceStatus.RUNNING, ServiceStatus.PAUSED)));

        Route paused = table.route(DEMO_HOST).orElseThrow();
        assertFalse(paused.hasEndpoints());
        assertEquals(ServiceStatus.PAUSED, paused.status());
    }

    @Test
    void shouldReportWhatChanged() {
        table.loadSnapshot(List.of(demo(ServiceStatus.RUNNING, 12, E1)));

        RouteChange.Updated endpoints = (RouteChange.Updated) table.apply(
                event(13, new RevisionActivated(DEMO_ARN, OP, 2, List.of(E1, E2))));
        RouteChange.Updated status = (RouteChange.Updated) table.apply(
                event(14, statusChanged(ServiceStatus.RUNNING, ServiceStatus.OPERATION_IN_PROGRESS)));

        assertTrue(endpoints.endpointsChanged());
        assertFalse(endpoints.statusChanged());
        assertTrue(status.statusChanged());
        assertFalse(status.endpointsChanged());
    }

    @Test
    void shouldRemoveADeletedServiceForGood() {
        table.loadSnapshot(List.of(demo(ServiceStatus.RUNNING, 12, E1)));

        RouteChange deleted = table.apply(event(15, new ServiceDeleted(DEMO_ARN, Instant.now())));
        // stale or replayed events of the deleted service, even with higher versions
        RouteChange created = table.apply(event(1, created(DEMO_ARN, "demo", DEMO_HOST)));
        RouteChange activated = table.apply(event(16, new RevisionActivated(DEMO_ARN, OP, 4, List.of(E1))));
        table.loadSnapshot(List.of(demo(ServiceStatus.RUNNING, 20, E1)));

        assertInstanceOf(RouteChange.Removed.class, deleted);
        assertInstanceOf(RouteChange.Skipped.class, created);
        assertInstanceOf(RouteChange.Skipped.class, activated);
        assertEquals(Optional.empty(), table.route(DEMO_HOST));
        assertEquals(Optional.empty(), table.routeOf(DEMO_ARN));
        assertEquals(0, table.size());
    }

    @Test
    void shouldTreatADeletedSnapshotEntryAsADeletion() {
        table.loadSnapshot(List.of(demo(ServiceStatus.DELETED, 30)));

        table.apply(event(1, created(DEMO_ARN, "demo", DEMO_HOST)));

        assertEquals(Optional.empty(), table.route(DEMO_HOST));
    }

    @Test
    void shouldLetANewServiceReuseTheNameOfADeletedOne() {
        table.loadSnapshot(List.of(demo(ServiceStatus.RUNNING, 12, E1)));
        table.apply(event(13, new ServiceDeleted(DEMO_ARN, Instant.now())));

        table.apply(event(1, created(OTHER_ARN, "demo", "demo-ffff0000.localhost")));

        assertEquals(OTHER_ARN, table.route("demo-ffff0000.localhost").orElseThrow().serviceArn());
        assertEquals(Optional.empty(), table.route(DEMO_HOST));
    }

    @Test
    void shouldIgnoreEventsOfAServiceItNeverSawCreated() {
        table.loadSnapshot(List.of());

        RouteChange change = table.apply(event(3, new RevisionActivated(OTHER_ARN, OP, 1, List.of(E1))));
        table.apply(event(1, created(OTHER_ARN, "other", "other-ffff0000.localhost")));

        assertInstanceOf(RouteChange.Skipped.class, change);
        assertEquals(List.of(), table.route("other-ffff0000.localhost").orElseThrow().endpoints());
    }

    @Test
    void shouldKeepServicesApart() {
        table.loadSnapshot(List.of(demo(ServiceStatus.RUNNING, 12, E1)));
        table.apply(event(1, created(OTHER_ARN, "other", "other-ffff0000.localhost")));
        table.apply(event(2, new RevisionActivated(OTHER_ARN, OP, 1, List.of(E2))));

        table.apply(event(13, new ServiceDeleted(DEMO_ARN, Instant.now())));

        assertEquals(List.of(E2), table.route("other-ffff0000.localhost").orElseThrow().endpoints());
        assertEquals(1, table.size());
    }

    @Test
    void shouldSkipAnEventWithoutAStreamVersion() {
        table.loadSnapshot(List.of(demo(ServiceStatus.RUNNING, 12, E1)));
        Envelope unversioned = Envelope.first("test", new ServiceInstancesStopped(DEMO_ARN, OP), OP);

        assertInstanceOf(RouteChange.Skipped.class, table.apply(unversioned));
        assertEquals(List.of(E1), table.route(DEMO_HOST).orElseThrow().endpoints());
    }

    @Test
    void shouldNotLetAnOlderSnapshotUndoNewerEvents() {
        table.loadSnapshot(List.of(demo(ServiceStatus.RUNNING, 12, E1)));
        table.apply(event(13, new RevisionActivated(DEMO_ARN, OP, 2, List.of(E2))));

        table.loadSnapshot(List.of(demo(ServiceStatus.RUNNING, 12, E1)));

        assertEquals(List.of(E2), table.route(DEMO_HOST).orElseThrow().endpoints());
    }

    // ---- givens

    private static Route demo(ServiceStatus status, long version, Endpoint... endpoints) {
        return new Route(DEMO_ARN, "demo", DEMO_HOST, status, version, List.of(endpoints));
    }

    private static ServiceCreated created(String arn, String name, String url) {
        return new ServiceCreated(arn, arn.substring(arn.lastIndexOf('/') + 1), name, url, null, List.of(),
                Instant.now());
    }

    private static ServiceStatusChanged statusChanged(ServiceStatus from, ServiceStatus to) {
        return new ServiceStatusChanged(DEMO_ARN, from, to, "because");
    }

    private static Envelope event(long version, ServiceEvent event) {
        return Envelope.first("service-registry", event, OP).atStreamVersion(version);
    }
}
