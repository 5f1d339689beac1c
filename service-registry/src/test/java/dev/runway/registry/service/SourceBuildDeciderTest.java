package dev.runway.registry.service;

import static dev.runway.registry.service.ServiceDeciderTest.ARN;
import static dev.runway.registry.service.ServiceDeciderTest.CONFIG;
import static dev.runway.registry.service.ServiceDeciderTest.ENDPOINTS;
import static dev.runway.registry.service.ServiceDeciderTest.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.build.BuildRevision;
import dev.runway.events.command.CreateService;
import dev.runway.events.command.ResumeService;
import dev.runway.events.command.StartDeployment;
import dev.runway.events.deploy.DeployRevision;
import dev.runway.events.event.DeploymentFailed;
import dev.runway.events.event.OperationFailed;
import dev.runway.events.event.ServiceConfigurationChanged;
import dev.runway.events.event.ServiceEvent;
import dev.runway.events.event.ServiceStatusChanged;
import dev.runway.events.event.SourceBuilt;
import dev.runway.events.model.CodeSource;
import dev.runway.events.model.ImageSource;
import dev.runway.events.model.ServiceConfiguration;
import dev.runway.events.model.ServiceStatus;
import dev.runway.events.report.BuildFailed;
import dev.runway.events.report.BuildSucceeded;
import dev.runway.events.report.RevisionDeployed;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Code services: every deployment but a resume starts with a build; given / when / then, no I/O. */
class SourceBuildDeciderTest {

    static final UUID CREATE_OP = UUID.fromString("44444444-4444-4444-8444-444444444444");
    static final UUID DEPLOY_OP = UUID.fromString("55555555-5555-4555-8555-555555555555");
    static final CodeSource CODE = new CodeSource("file:///tmp/repo", "main", "/", null, CodeSource.REPOSITORY, null,
            null);
    static final ServiceConfiguration CODE_CONFIG = new ServiceConfiguration(null, false, null, CONFIG.instance(),
            CONFIG.healthCheck(), CONFIG.autoScalingConfigurationArn(), CONFIG.network(), false, null, null, CODE);
    static final ImageSource BUILT_1 = new ImageSource("127.0.0.1:5000/runway-build/demo@sha256:1", "ECR", "8080",
            null, null, null);
    static final ImageSource BUILT_2 = new ImageSource("127.0.0.1:5000/runway-build/demo@sha256:2", "ECR", "8080",
            null, null, null);

    final List<ServiceEvent> history = new ArrayList<>();

    ServiceState state() {
        return ServiceDeciderTest.given(history);
    }

    List<ServiceEvent> create() throws Rejection {
        List<ServiceEvent> e = ServiceDecider.decide(new CreateService(ARN, "0123456789abcdef0123456789abcdef", "demo",
                CREATE_OP, CODE_CONFIG, List.of()), ServiceState.initial(), new Facts(NOW, false, "demo.localhost"));
        history.addAll(e);
        return e;
    }

    List<ServiceEvent> report(dev.runway.events.report.Report r) {
        List<ServiceEvent> e = ServiceDecider.onReport(r, state(), NOW);
        history.addAll(e);
        return e;
    }

    @Test
    void createAsksForABuildThenDeploysTheBuiltImage() throws Rejection {
        List<ServiceEvent> created = create();

        var work = ServiceProcess.react(created, state());
        assertEquals(List.of(new BuildRevision(ARN, "demo", "0123456789abcdef0123456789abcdef", CREATE_OP, 1, CODE)),
                work);

        List<ServiceEvent> built = report(new BuildSucceeded(ARN, CREATE_OP, 1, "abc123", BUILT_1));
        assertEquals(List.of(new SourceBuilt(ARN, CREATE_OP, 1, "abc123", BUILT_1)), built);
        DeployRevision deploy = (DeployRevision) ServiceProcess.react(built, state()).get(0);
        assertEquals(BUILT_1, deploy.image());

        List<ServiceEvent> done = report(new RevisionDeployed(ARN, CREATE_OP, 1, ENDPOINTS));
        assertEquals(ServiceStatus.RUNNING, state().status());
        assertEquals(BUILT_1, ((ServiceConfigurationChanged) done.get(1)).configuration().image(),
                "the service's configuration records the image it runs, for self-healing and resume");
    }

    @Test
    void aFailedFirstBuildEndsCreateFailedWithTheReason() throws Rejection {
        create();
        List<ServiceEvent> failed = report(new BuildFailed(ARN, CREATE_OP, 1, "Build failed: bad yaml"));

        assertInstanceOf(DeploymentFailed.class, failed.get(0));
        assertEquals("Build failed: bad yaml", ((OperationFailed) failed.get(1)).reason());
        ServiceStatusChanged status = (ServiceStatusChanged) failed.get(2);
        assertEquals(ServiceStatus.CREATE_FAILED, status.currentStatus());
        assertTrue(status.message().contains("bad yaml"));
        assertTrue(ServiceProcess.react(failed, state()).isEmpty());
    }

    @Test
    void startDeploymentRebuildsAndAFailureKeepsThePreviousRevisionServing() throws Rejection {
        create();
        report(new BuildSucceeded(ARN, CREATE_OP, 1, "abc123", BUILT_1));
        report(new RevisionDeployed(ARN, CREATE_OP, 1, ENDPOINTS));

        List<ServiceEvent> started = ServiceDecider.decide(new StartDeployment(ARN, DEPLOY_OP), state(),
                new Facts(NOW, false, null));
        history.addAll(started);
        assertInstanceOf(BuildRevision.class, ServiceProcess.react(started, state()).get(0),
                "a deployment of a code service builds the branch head again");

        List<ServiceEvent> failed = report(new BuildFailed(ARN, DEPLOY_OP, 2, "Build failed: exit 1"));
        assertEquals(ServiceStatus.RUNNING, ((ServiceStatusChanged) failed.get(2)).currentStatus());
        assertEquals(Integer.valueOf(1), state().activeRevision());
        assertEquals(BUILT_1, state().configuration().image());
    }

    @Test
    void aRepeatedBuildReportChangesNothing() throws Rejection {
        create();
        report(new BuildSucceeded(ARN, CREATE_OP, 1, "abc123", BUILT_1));

        assertTrue(report(new BuildSucceeded(ARN, CREATE_OP, 1, "abc123", BUILT_2)).isEmpty());
        assertTrue(report(new BuildFailed(ARN, CREATE_OP, 1, "late")).isEmpty());
    }

    @Test
    void resumeRunsTheBuiltImageWithoutBuilding() throws Rejection {
        create();
        report(new BuildSucceeded(ARN, CREATE_OP, 1, "abc123", BUILT_1));
        report(new RevisionDeployed(ARN, CREATE_OP, 1, ENDPOINTS));
        history.addAll(ServiceDecider.decide(new dev.runway.events.command.PauseService(ARN, DEPLOY_OP), state(),
                new Facts(NOW, false, null)));
        report(new dev.runway.events.report.InstancesStopped(ARN, DEPLOY_OP));
        UUID resume = UUID.randomUUID();

        List<ServiceEvent> resumed = ServiceDecider.decide(new ResumeService(ARN, resume), state(),
                new Facts(NOW, false, null));
        history.addAll(resumed);

        DeployRevision deploy = (DeployRevision) ServiceProcess.react(resumed, state()).get(0);
        assertEquals(BUILT_1, deploy.image());
    }
}
