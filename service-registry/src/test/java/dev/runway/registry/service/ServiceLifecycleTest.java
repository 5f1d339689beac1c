package dev.runway.registry.service;

import static dev.runway.registry.service.ServiceDeciderTest.ARN;
import static dev.runway.registry.service.ServiceDeciderTest.CONFIG;
import static dev.runway.registry.service.ServiceDeciderTest.ENDPOINTS;
import static dev.runway.registry.service.ServiceDeciderTest.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.command.Command;
import dev.runway.events.command.DeleteService;
import dev.runway.events.command.PauseService;
import dev.runway.events.command.ResumeService;
import dev.runway.events.command.StartDeployment;
import dev.runway.events.command.UpdateService;
import dev.runway.events.deploy.DeployRevision;
import dev.runway.events.deploy.RetireRevisions;
import dev.runway.events.deploy.StopService;
import dev.runway.events.event.DeploymentStarted;
import dev.runway.events.event.ServiceConfigurationChanged;
import dev.runway.events.event.ServiceEvent;
import dev.runway.events.model.Endpoint;
import dev.runway.events.model.ImageSource;
import dev.runway.events.model.ServiceConfiguration;
import dev.runway.events.model.ServiceStatus;
import dev.runway.events.report.InstancesStopped;
import dev.runway.events.report.Report;
import dev.runway.events.report.RevisionDeployFailed;
import dev.runway.events.report.RevisionDeployed;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Updates, deployments, pause and resume: given a history, when a command and its worker report, then. */
class ServiceLifecycleTest {

    static final UUID OP = UUID.fromString("33333333-3333-4333-8333-333333333333");
    static final ServiceConfiguration V2 = new ServiceConfiguration(
            new ImageSource("127.0.0.1:5000/hello:v2", "ECR", "8080", null, null, null), false, null,
            CONFIG.instance(), CONFIG.healthCheck(), CONFIG.autoScalingConfigurationArn(), CONFIG.network(), false,
            null, null);
    static final List<Endpoint> NEW_ENDPOINTS = List.of(new Endpoint("ffff0000", "127.0.0.1", 20009));

    /** A tiny harness: the history so far, and what the last step appended. */
    static final class Given {
        final List<ServiceEvent> history = new ArrayList<>();
        List<ServiceEvent> appended = List.of();

        Given() throws Rejection {
            history.addAll(ServiceDeciderTest.running());
        }

        ServiceState state() {
            return ServiceDeciderTest.given(history);
        }

        Given when(Command command) throws Rejection {
            appended = ServiceDecider.decide(command, state(), new Facts(NOW, false, null));
            history.addAll(appended);
            return this;
        }

        Given report(Report report) {
            appended = ServiceDecider.onReport(report, state(), NOW);
            history.addAll(appended);
            return this;
        }

        ServiceStatus status() {
            return state().status();
        }
    }

    @Test
    void updateDeploysANewRevisionAndAdoptsItsConfigurationOnlyOnceItServes() throws Rejection {
        Given g = new Given().when(new UpdateService(ARN, OP, V2));
        DeploymentStarted started = (DeploymentStarted) g.appended.get(2);
        assertEquals(2, started.revision());
        assertEquals(V2, started.configuration());
        assertEquals(CONFIG, g.state().configuration(), "not yet: revision 2 does not serve");
        DeployRevision work = (DeployRevision) ServiceProcess.react(g.appended, g.state()).get(0);
        assertEquals(V2.image(), work.image());

        g.report(new RevisionDeployed(ARN, OP, 2, NEW_ENDPOINTS));

        assertInstanceOf(ServiceConfigurationChanged.class, g.appended.get(1));
        assertEquals(ServiceStatus.RUNNING, g.status());
        assertEquals(V2, g.state().configuration());
        assertEquals(2, g.state().activeRevision());
        assertEquals(List.of(new RetireRevisions(ARN, OP, 2)), ServiceProcess.react(g.appended, g.state()));
    }

    @Test
    void aFailedUpdateLeavesTheServiceRunningOnItsRevisionAndConfiguration() throws Rejection {
        Given g = new Given().when(new UpdateService(ARN, OP, V2))
                .report(new RevisionDeployFailed(ARN, OP, 2, "container exited with code 3"));

        assertEquals(ServiceStatus.RUNNING, g.status());
        assertEquals(CONFIG, g.state().configuration());
        assertEquals(1, g.state().activeRevision());
        assertTrue(ServiceProcess.react(g.appended, g.state()).isEmpty(), "no traffic moves, nothing retires");

        // and the next deployment does not reuse the failed revision's number
        g.when(new StartDeployment(ARN, UUID.randomUUID()));
        assertEquals(3, ((DeploymentStarted) g.appended.get(2)).revision());
    }

    @Test
    void pauseStopsTheInstancesAndResumeRunsTheDeployedRevisionAgain() throws Rejection {
        Given g = new Given().when(new PauseService(ARN, OP));
        assertEquals(List.of(new StopService(ARN, OP)), ServiceProcess.react(g.appended, g.state()));
        g.report(new InstancesStopped(ARN, OP));
        assertEquals(ServiceStatus.PAUSED, g.status());
        assertEquals(null, g.state().activeRevision());

        UUID resume = UUID.randomUUID();
        g.when(new ResumeService(ARN, resume));
        DeploymentStarted started = (DeploymentStarted) g.appended.get(2);
        assertEquals(1, started.revision(), "the deployed revision, not a new one");
        g.report(new RevisionDeployed(ARN, resume, 1, NEW_ENDPOINTS));
        assertEquals(ServiceStatus.RUNNING, g.status());
        assertEquals(1, g.state().activeRevision());
    }

    @Test
    void aFailedResumeLeavesTheServicePaused() throws Rejection {
        UUID resume = UUID.randomUUID();
        Given g = new Given().when(new PauseService(ARN, OP)).report(new InstancesStopped(ARN, OP))
                .when(new ResumeService(ARN, resume)).report(new RevisionDeployFailed(ARN, resume, 1, "no image"));
        assertEquals(ServiceStatus.PAUSED, g.status());
    }

    @Test
    void commandsInTheWrongStateAreRefusedWithInvalidState() throws Rejection {
        Given running = new Given();
        assertEquals(Rejection.INVALID_STATE, assertThrows(Rejection.class,
                () -> running.when(new ResumeService(ARN, OP))).errorType());

        Given paused = new Given().when(new PauseService(ARN, OP)).report(new InstancesStopped(ARN, OP));
        for (Command c : List.<Command>of(new PauseService(ARN, OP), new UpdateService(ARN, OP, V2),
                new StartDeployment(ARN, OP))) {
            Rejection r = assertThrows(Rejection.class, () -> paused.when(c));
            assertEquals(Rejection.INVALID_STATE, r.errorType());
            assertTrue(r.getMessage().contains("while it is PAUSED"), r.getMessage());
        }

        Given busy = new Given().when(new UpdateService(ARN, OP, V2));
        Rejection r = assertThrows(Rejection.class, () -> busy.when(new DeleteService(ARN, UUID.randomUUID())));
        assertTrue(r.getMessage().contains("an operation is in progress"), r.getMessage());
    }

    @Test
    void aPausedServiceCanBeDeleted() throws Rejection {
        Given g = new Given().when(new PauseService(ARN, OP)).report(new InstancesStopped(ARN, OP));
        UUID delete = UUID.randomUUID();
        g.when(new DeleteService(ARN, delete)).report(new InstancesStopped(ARN, delete));
        assertEquals(ServiceStatus.DELETED, g.status());
    }

    @Test
    void theRevisionOfAnUpdateIsTheOneThatMustReport() throws Rejection {
        Given g = new Given().when(new UpdateService(ARN, OP, V2));
        g.report(new RevisionDeployed(ARN, OP, 1, ENDPOINTS));
        assertEquals(List.of(), g.appended, "a report of another revision changes nothing");
    }
}
