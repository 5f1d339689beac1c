package dev.runway.registry.service;

import static dev.runway.events.model.ServiceStatus.CREATE_FAILED;
import static dev.runway.events.model.ServiceStatus.DELETED;
import static dev.runway.events.model.ServiceStatus.OPERATION_IN_PROGRESS;
import static dev.runway.events.model.ServiceStatus.RUNNING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.command.CreateService;
import dev.runway.events.command.DeleteService;
import dev.runway.events.deploy.DeployRevision;
import dev.runway.events.deploy.StopService;
import dev.runway.events.event.DeploymentFailed;
import dev.runway.events.event.DeploymentStarted;
import dev.runway.events.event.OperationFailed;
import dev.runway.events.event.OperationStarted;
import dev.runway.events.event.OperationSucceeded;
import dev.runway.events.event.RevisionActivated;
import dev.runway.events.event.ServiceCreated;
import dev.runway.events.event.ServiceDeleted;
import dev.runway.events.event.ServiceEvent;
import dev.runway.events.event.ServiceInstancesStopped;
import dev.runway.events.event.ServiceStatusChanged;
import dev.runway.events.model.Endpoint;
import dev.runway.events.model.HealthCheck;
import dev.runway.events.model.ImageSource;
import dev.runway.events.model.InstanceSize;
import dev.runway.events.model.Network;
import dev.runway.events.model.OperationType;
import dev.runway.events.model.ServiceConfiguration;
import dev.runway.events.report.InstancesRestored;
import dev.runway.events.report.InstancesStopped;
import dev.runway.events.report.RevisionDeployFailed;
import dev.runway.events.report.RevisionDeployed;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** given(events).when(command or report).then(events or rejection) — no database, no mocks. */
class ServiceDeciderTest {

    static final String ARN = "arn:aws:apprunner:us-east-1:000000000000:service/demo/0123456789abcdef0123456789abcdef";
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final UUID CREATE_OP = UUID.fromString("11111111-1111-4111-8111-111111111111");
    static final UUID DELETE_OP = UUID.fromString("22222222-2222-4222-8222-222222222222");
    static final ServiceConfiguration CONFIG = new ServiceConfiguration(
            new ImageSource("127.0.0.1:5000/hello:latest", "ECR", "8080", null, null, null), false, null,
            InstanceSize.defaults(), HealthCheck.defaults(), "arn:asc", Network.defaults(), false, null, null);
    static final CreateService CREATE = new CreateService(ARN, "0123456789abcdef0123456789abcdef", "demo", CREATE_OP,
            CONFIG, List.of());
    static final List<Endpoint> ENDPOINTS = List.of(new Endpoint("ab12cd34", "127.0.0.1", 20001));

    static ServiceState given(List<ServiceEvent> history) {
        return ServiceDecider.fold(ServiceState.initial(), history);
    }

    static List<ServiceEvent> created() throws Rejection {
        return ServiceDecider.decide(CREATE, ServiceState.initial(), new Facts(NOW, false, "demo-01234567.localhost"));
    }

    static List<ServiceEvent> running() throws Rejection {
        List<ServiceEvent> h = new java.util.ArrayList<>(created());
        h.addAll(ServiceDecider.onReport(new RevisionDeployed(ARN, CREATE_OP, 1, ENDPOINTS), given(h), NOW));
        return h;
    }

    @Test
    void shouldStartCreationAndFirstDeployment() throws Rejection {
        List<ServiceEvent> events = created();

        assertInstanceOf(ServiceCreated.class, events.get(0));
        assertEquals(new OperationStarted(ARN, CREATE_OP, OperationType.CREATE_SERVICE, NOW), events.get(1));
        assertEquals(OPERATION_IN_PROGRESS, ((ServiceStatusChanged) events.get(2)).currentStatus());
        assertEquals(new DeploymentStarted(ARN, CREATE_OP, 1, "127.0.0.1:5000/hello:latest", CONFIG), events.get(3));
        ServiceState state = given(events);
        assertEquals(OPERATION_IN_PROGRESS, state.status());
        assertEquals(5, state.version());
    }

    @Test
    void shouldRejectDuplicateName() {
        Rejection r = assertThrows(Rejection.class, () -> ServiceDecider.decide(CREATE, ServiceState.initial(),
                new Facts(NOW, true, "x")));
        assertEquals(Rejection.INVALID_REQUEST, r.errorType());
        assertTrue(r.getMessage().contains("'demo' already exists"));
    }

    @Test
    void shouldBecomeRunningWhenTheRevisionIsDeployed() throws Rejection {
        ServiceState state = given(created());

        List<ServiceEvent> events = ServiceDecider.onReport(new RevisionDeployed(ARN, CREATE_OP, 1, ENDPOINTS), state, NOW);

        assertEquals(new RevisionActivated(ARN, CREATE_OP, 1, ENDPOINTS), events.get(0));
        assertEquals(new OperationSucceeded(ARN, CREATE_OP, OperationType.CREATE_SERVICE, NOW), events.get(1));
        assertEquals(RUNNING, ((ServiceStatusChanged) events.get(2)).currentStatus());
        assertEquals(RUNNING, ServiceDecider.fold(state, events).status());
    }

    @Test
    void shouldEndCreateFailedWithTheReason() throws Rejection {
        ServiceState state = given(created());

        List<ServiceEvent> events = ServiceDecider.onReport(
                new RevisionDeployFailed(ARN, CREATE_OP, 1, "Image was not found"), state, NOW);

        assertEquals(new DeploymentFailed(ARN, CREATE_OP, 1, "Image was not found"), events.get(0));
        assertEquals("Image was not found", ((OperationFailed) events.get(1)).reason());
        ServiceStatusChanged status = (ServiceStatusChanged) events.get(2);
        assertEquals(CREATE_FAILED, status.currentStatus());
        assertTrue(status.message().contains("Image was not found"));
    }

    @Test
    void shouldIgnoreARepeatedReport() throws Rejection {
        ServiceState state = given(running());

        assertEquals(List.of(), ServiceDecider.onReport(new RevisionDeployed(ARN, CREATE_OP, 1, ENDPOINTS), state, NOW));
    }

    @Test
    void shouldRouteToRestoredInstancesOnlyWhenRunningAtRestOnThatRevision() throws Rejection {
        List<Endpoint> fresh = List.of(new Endpoint("ef56ab78", "127.0.0.1", 20002));

        // given a running service, when its instance was replaced, then traffic moves to the new endpoint
        List<ServiceEvent> events = ServiceDecider.onReport(InstancesRestored.of(ARN, 1, fresh, "i-1 exited"),
                given(running()), NOW);
        assertEquals(List.of(new RevisionActivated(ARN, null, 1, fresh),
                new dev.runway.events.event.InstancesReplaced(ARN, 1, "i-1 exited")), events);

        // a restoration of another revision, or during an operation, changes nothing
        assertEquals(List.of(), ServiceDecider.onReport(InstancesRestored.of(ARN, 2, fresh, null), given(running()), NOW));
        assertEquals(List.of(), ServiceDecider.onReport(InstancesRestored.of(ARN, 1, fresh, null), given(created()), NOW));
    }

    @Test
    void shouldRefuseDeleteWhileAnOperationIsInProgress() throws Rejection {
        ServiceState state = given(created());

        Rejection r = assertThrows(Rejection.class, () -> ServiceDecider.decide(new DeleteService(ARN, DELETE_OP),
                state, new Facts(NOW, false, null)));
        assertEquals(Rejection.INVALID_STATE, r.errorType());
    }

    @Test
    void shouldRefuseDeleteOfAnUnknownService() {
        Rejection r = assertThrows(Rejection.class, () -> ServiceDecider.decide(new DeleteService(ARN, DELETE_OP),
                ServiceState.initial(), new Facts(NOW, false, null)));
        assertEquals(Rejection.NOT_FOUND, r.errorType());
    }

    @Test
    void shouldDeleteThroughStoppingInstances() throws Rejection {
        ServiceState state = given(running());
        List<ServiceEvent> started = ServiceDecider.decide(new DeleteService(ARN, DELETE_OP), state,
                new Facts(NOW, false, null));
        assertEquals(new OperationStarted(ARN, DELETE_OP, OperationType.DELETE_SERVICE, NOW), started.get(0));
        ServiceState deleting = ServiceDecider.fold(state, started);

        List<ServiceEvent> done = ServiceDecider.onReport(new InstancesStopped(ARN, DELETE_OP), deleting, NOW);

        assertEquals(new ServiceInstancesStopped(ARN, DELETE_OP), done.get(0));
        assertEquals(DELETED, ((ServiceStatusChanged) done.get(2)).currentStatus());
        assertEquals(new ServiceDeleted(ARN, NOW), done.get(3));
        assertEquals(false, ServiceDecider.fold(deleting, done).exists());
    }

    @Test
    void processManagerAsksTheDeployWorkerToActOnDeploymentsAndDeletions() throws Rejection {
        List<ServiceEvent> created = created();
        var work = ServiceProcess.react(created, given(created));
        assertEquals(1, work.size());
        DeployRevision deploy = (DeployRevision) work.get(0);
        assertEquals(1, deploy.revision());
        assertEquals(CONFIG.image(), deploy.image());

        ServiceState state = given(running());
        List<ServiceEvent> deleting = ServiceDecider.decide(new DeleteService(ARN, DELETE_OP), state,
                new Facts(NOW, false, null));
        assertEquals(List.of(new StopService(ARN, DELETE_OP, CONFIG.image().imageIdentifier())),
                ServiceProcess.react(deleting, ServiceDecider.fold(state, deleting)));
    }
}
