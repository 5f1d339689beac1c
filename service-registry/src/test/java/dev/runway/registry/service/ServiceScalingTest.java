package dev.runway.registry.service;

import static dev.runway.registry.service.ServiceDeciderTest.ARN;
import static dev.runway.registry.service.ServiceDeciderTest.CONFIG;
import static dev.runway.registry.service.ServiceDeciderTest.CREATE;
import static dev.runway.registry.service.ServiceDeciderTest.CREATE_OP;
import static dev.runway.registry.service.ServiceDeciderTest.NOW;
import static dev.runway.registry.service.ServiceDeciderTest.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.command.PauseService;
import dev.runway.events.command.ScaleService;
import dev.runway.events.deploy.DeployRevision;
import dev.runway.events.deploy.ScaleRevision;
import dev.runway.events.event.RevisionActivated;
import dev.runway.events.event.ServiceEvent;
import dev.runway.events.event.ServiceScaled;
import dev.runway.events.event.ServiceScalingLimitsChanged;
import dev.runway.events.model.AutoScalingLimits;
import dev.runway.events.model.Endpoint;
import dev.runway.events.report.InstancesRestored;
import dev.runway.events.report.RevisionDeployed;
import dev.runway.events.report.RevisionScaled;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Scaling the active revision: ScaleService, the deploy-worker's RevisionScaled, and the limits. */
class ServiceScalingTest {

    static final AutoScalingLimits LIMITS = new AutoScalingLimits(2, 5, 10);
    static final Facts FACTS = new Facts(NOW, false, "demo-01234567.localhost", LIMITS);
    static final Endpoint A = new Endpoint("aaaaaaaa", "127.0.0.1", 20001);
    static final Endpoint B = new Endpoint("bbbbbbbb", "127.0.0.1", 20002);
    static final Endpoint C = new Endpoint("cccccccc", "127.0.0.1", 20003);
    static final Endpoint D = new Endpoint("dddddddd", "127.0.0.1", 20004);

    /** Created under LIMITS and deployed with MinSize (2) instances. */
    static List<ServiceEvent> running() throws Rejection {
        List<ServiceEvent> h = new ArrayList<>(ServiceDecider.decide(CREATE, ServiceState.initial(), FACTS));
        h.addAll(ServiceDecider.onReport(new RevisionDeployed(ARN, CREATE_OP, 1, List.of(A, B)), given(h), NOW));
        return h;
    }

    static List<ServiceEvent> scale(ServiceState state, int to) throws Rejection {
        return ServiceDecider.decide(new ScaleService(ARN, to, "load"), state, FACTS);
    }

    @Test
    void aNewServiceRecordsItsLimitsAndItsFirstRevisionStartsWithMinSize() throws Rejection {
        List<ServiceEvent> created = ServiceDecider.decide(CREATE, ServiceState.initial(), FACTS);

        assertTrue(created.contains(new ServiceScalingLimitsChanged(ARN, CONFIG.autoScalingConfigurationArn(), LIMITS)));
        var work = ServiceProcess.react(created, given(created), LIMITS);
        assertEquals(2, ((DeployRevision) work.get(0)).instances());
        ServiceState state = given(running());
        assertEquals(LIMITS, state.limits());
        assertEquals(2, state.instances());
    }

    @Test
    void aCodeServiceBuildsFirstAndItsBuiltRevisionStartsWithMinSize() throws Rejection {
        var create = new dev.runway.events.command.CreateService(ARN, "0123456789abcdef0123456789abcdef", "demo",
                CREATE_OP, SourceBuildDeciderTest.CODE_CONFIG, List.of());
        List<ServiceEvent> h = new ArrayList<>(ServiceDecider.decide(create, ServiceState.initial(), FACTS));
        var build = ServiceProcess.react(h, given(h), LIMITS);
        assertEquals(1, build.size());
        assertTrue(build.get(0) instanceof dev.runway.events.build.BuildRevision, "the build comes first: " + build);

        List<ServiceEvent> built = ServiceDecider.onReport(new dev.runway.events.report.BuildSucceeded(ARN, CREATE_OP,
                1, "abc123", SourceBuildDeciderTest.BUILT_1), given(h), NOW, LIMITS);
        h.addAll(built);
        var deploy = (DeployRevision) ServiceProcess.react(built, given(h), LIMITS).get(0);
        assertEquals(SourceBuildDeciderTest.BUILT_1, deploy.image());
        assertEquals(2, deploy.instances(), "the deploy after the build starts with MinSize too");

        h.addAll(ServiceDecider.onReport(new RevisionDeployed(ARN, CREATE_OP, 1, List.of(A, B)), given(h), NOW,
                LIMITS));
        assertEquals(LIMITS, given(h).limits());
        assertEquals(2, given(h).instances());
    }

    @Test
    void scalingUpRecordsTheDecisionAndAsksForInstancesThatTakeTrafficOnlyOnceReported() throws Rejection {
        ServiceState state = given(running());

        List<ServiceEvent> events = scale(state, 4);

        assertEquals(List.of(new ServiceScaled(ARN, 1, 2, 4, "load")), events);
        ServiceState scaling = ServiceDecider.fold(state, events);
        assertEquals(4, scaling.instances());
        assertEquals(List.of(A, B), scaling.endpoints());
        var work = ServiceProcess.react(events, scaling, LIMITS);
        assertEquals(List.of(new ScaleRevision(ARN, "demo", 1, CONFIG.image(), CONFIG.instance(),
                CONFIG.healthCheck(), 4, List.of("aaaaaaaa", "bbbbbbbb"))), work);

        List<ServiceEvent> reported = ServiceDecider.onReport(new RevisionScaled(ARN, 1, 4, List.of(A, B, C, D), null),
                scaling, NOW);
        assertEquals(List.of(new RevisionActivated(ARN, null, 1, List.of(A, B, C, D))), reported);
        assertEquals(List.of(), ServiceDecider.onReport(new RevisionScaled(ARN, 1, 4, List.of(A, B, C, D), null),
                ServiceDecider.fold(scaling, reported), NOW), "a redelivered report changes nothing");
    }

    @Test
    void scalingDownTakesTheDroppedInstancesOutOfTrafficAtOnce() throws Rejection {
        ServiceState four = given(running());
        four = ServiceDecider.fold(four, scale(four, 4));
        four = ServiceDecider.fold(four, ServiceDecider.onReport(new RevisionScaled(ARN, 1, 4, List.of(A, B, C, D),
                null), four, NOW));

        List<ServiceEvent> events = scale(four, 3);

        assertEquals(List.of(new ServiceScaled(ARN, 1, 4, 3, "load"), new RevisionActivated(ARN, null, 1,
                List.of(A, B, C))), events);
        ServiceState three = ServiceDecider.fold(four, events);
        var work = (ScaleRevision) ServiceProcess.react(events, three, LIMITS).get(0);
        assertEquals(3, work.instances());
        assertEquals(List.of("aaaaaaaa", "bbbbbbbb", "cccccccc"), work.keep());
    }

    @Test
    void scalingIsClampedToTheLimitsAndAskingForTheCurrentCountChangesNothing() throws Rejection {
        ServiceState state = given(running());

        assertEquals(List.of(new ServiceScaled(ARN, 1, 2, 5, "load; 9 clamped to [2, 5]")), scale(state, 9));
        assertEquals(List.of(), scale(state, 1), "1 is clamped to MinSize 2, which it has");
        assertEquals(List.of(), scale(state, 2));
    }

    @Test
    void scalingIsRefusedWhileTheServiceIsNotRunningAtRest() throws Rejection {
        List<ServiceEvent> created = ServiceDecider.decide(CREATE, ServiceState.initial(), FACTS);
        Rejection creating = assertThrows(Rejection.class, () -> scale(given(created), 3));
        assertEquals(Rejection.INVALID_STATE, creating.errorType());

        ServiceState state = given(running());
        List<ServiceEvent> pausing = ServiceDecider.decide(new PauseService(ARN, UUID.randomUUID()), state, FACTS);
        assertThrows(Rejection.class, () -> scale(ServiceDecider.fold(state, pausing), 3));
        assertThrows(Rejection.class, () -> ServiceDecider.decide(new ScaleService(ARN, 3, "load"),
                ServiceState.initial(), FACTS));
    }

    @Test
    void aStaleStepIsIgnoredAndAFailedOneScalesBackToWhatRuns() throws Rejection {
        ServiceState state = given(running());
        ServiceState toFour = ServiceDecider.fold(state, scale(state, 4));
        ServiceState toFive = ServiceDecider.fold(toFour, scale(toFour, 5));

        assertEquals(List.of(), ServiceDecider.onReport(new RevisionScaled(ARN, 1, 4, List.of(A, B, C, D), null),
                toFive, NOW), "the answer to an older step");
        List<ServiceEvent> failed = ServiceDecider.onReport(new RevisionScaled(ARN, 1, 5, List.of(A, B, C),
                "instance r1-x exited"), toFive, NOW);
        assertEquals(new RevisionActivated(ARN, null, 1, List.of(A, B, C)), failed.get(0));
        ServiceScaled back = (ServiceScaled) failed.get(1);
        assertEquals(5, back.fromInstances());
        assertEquals(3, back.toInstances());
        assertTrue(back.reason().contains("instance r1-x exited"), back.reason());
    }

    @Test
    void replacedInstancesKeepTheScaledCount() throws Rejection {
        ServiceState state = given(running());
        state = ServiceDecider.fold(state, scale(state, 3));
        state = ServiceDecider.fold(state, ServiceDecider.onReport(new RevisionScaled(ARN, 1, 3, List.of(A, B, C),
                null), state, NOW));

        List<ServiceEvent> restored = ServiceDecider.onReport(InstancesRestored.of(ARN, 1, List.of(A, B, D),
                "instance cccccccc was gone"), state, NOW);

        assertEquals(3, ServiceDecider.fold(state, restored).instances());
        assertEquals(List.of(A, B, D), ServiceDecider.fold(state, restored).endpoints());
    }
}
