package dev.runway.registry.service;

import static dev.runway.registry.service.ServiceDeciderTest.ARN;
import static dev.runway.registry.service.ServiceDeciderTest.CONFIG;
import static dev.runway.registry.service.ServiceDeciderTest.CREATE_OP;
import static dev.runway.registry.service.ServiceDeciderTest.NOW;
import static dev.runway.registry.service.ServiceDeciderTest.given;
import static dev.runway.registry.service.ServiceScalingTest.A;
import static dev.runway.registry.service.ServiceScalingTest.B;
import static dev.runway.registry.service.ServiceScalingTest.C;
import static dev.runway.registry.service.ServiceScalingTest.FACTS;
import static dev.runway.registry.service.ServiceScalingTest.LIMITS;
import static dev.runway.registry.service.ServiceScalingTest.running;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.command.CreateService;
import dev.runway.events.command.PauseService;
import dev.runway.events.command.ScaleService;
import dev.runway.events.command.WakeService;
import dev.runway.events.deploy.ScaleRevision;
import dev.runway.events.event.RevisionActivated;
import dev.runway.events.event.ServiceEvent;
import dev.runway.events.event.ServiceScaled;
import dev.runway.events.model.ScaleToZero;
import dev.runway.events.model.ServiceStatus;
import dev.runway.events.model.Tag;
import dev.runway.events.report.RevisionScaled;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Runway's scale to zero: ScaleService to 0 for a tagged service, WakeService from the router. */
class ServiceScaleToZeroTest {

    static final Facts TO_ZERO = new Facts(NOW, false, null, LIMITS, new ScaleToZero(60));

    @Test
    void anIdleServiceThatScalesToZeroLeavesTrafficAndStaysRunning() throws Rejection {
        ServiceState two = given(running());

        List<ServiceEvent> events = ServiceDecider.decide(new ScaleService(ARN, 0, "idle for 60 s"), two, TO_ZERO);

        assertEquals(List.of(new ServiceScaled(ARN, 1, 2, 0, "idle for 60 s"),
                new RevisionActivated(ARN, null, 1, List.of())), events);
        ServiceState zero = ServiceDecider.fold(two, events);
        assertEquals(ServiceStatus.RUNNING, zero.status());
        assertEquals(0, zero.instances());
        var work = (ScaleRevision) ServiceProcess.react(events, zero, LIMITS).get(0);
        assertEquals(0, work.instances());
        assertEquals(List.of(), work.keep(), "every instance drains and goes");
        assertEquals(List.of(), ServiceDecider.onReport(new RevisionScaled(ARN, 1, 0, List.of(), null), zero, NOW),
                "the deploy-worker's report of none changes nothing more");
    }

    @Test
    void aServiceWithoutTheTagIsClampedToItsMinSize() throws Rejection {
        ServiceState two = given(running());

        assertEquals(List.of(), ServiceDecider.decide(new ScaleService(ARN, 0, "idle"), two, FACTS));
    }

    @Test
    void aWakeAsksForTheHeldRequestsInstancesWithinMaxSizeAndTheyJoinTrafficWhenHealthy() throws Rejection {
        ServiceState zero = atZero();

        List<ServiceEvent> events = ServiceDecider.decide(new WakeService(ARN, 9, "cold start: 90 held"), zero,
                TO_ZERO);

        assertEquals(List.of(new ServiceScaled(ARN, 1, 0, 5, "cold start: 90 held; 9 capped at MaxSize 5")), events);
        ServiceState waking = ServiceDecider.fold(zero, events);
        var work = (ScaleRevision) ServiceProcess.react(events, waking, LIMITS).get(0);
        assertEquals(5, work.instances());
        assertEquals(CONFIG.image(), work.image(), "the image the service ran, kept on the machine");
        List<ServiceEvent> healthy = ServiceDecider.onReport(new RevisionScaled(ARN, 1, 5, List.of(A, B, C), null),
                waking, NOW);
        assertEquals(new RevisionActivated(ARN, null, 1, List.of(A, B, C)), healthy.get(0));
    }

    @Test
    void aWakeIsNeverAScaleDownAndARepeatedOneChangesNothing() throws Rejection {
        ServiceState waking = ServiceDecider.fold(atZero(),
                ServiceDecider.decide(new WakeService(ARN, 3, "cold start"), atZero(), TO_ZERO));

        assertEquals(List.of(), ServiceDecider.decide(new WakeService(ARN, 3, "cold start"), waking, TO_ZERO));
        assertEquals(List.of(), ServiceDecider.decide(new WakeService(ARN, 1, "cold start"), waking, TO_ZERO));
        assertEquals(List.of(new ServiceScaled(ARN, 1, 3, 4, "cold start")),
                ServiceDecider.decide(new WakeService(ARN, 4, "cold start"), waking, TO_ZERO));
    }

    @Test
    void aWakeIsRefusedQuietlyWhileAnOperationRuns() throws Rejection {
        ServiceState zero = atZero();
        ServiceState pausing = ServiceDecider.fold(zero,
                ServiceDecider.decide(new PauseService(ARN, UUID.randomUUID()), zero, TO_ZERO));

        Rejection r = assertThrows(Rejection.class,
                () -> ServiceDecider.decide(new WakeService(ARN, 1, "cold start"), pausing, TO_ZERO));
        assertEquals(Rejection.INVALID_STATE, r.errorType());
    }

    @Test
    void aCreateWithABadRunwayTagIsRefusedNamingItAndNothingIsRecorded() {
        var create = new CreateService(ARN, "0123456789abcdef0123456789abcdef", "demo", CREATE_OP, CONFIG,
                List.of(new Tag("runway:min-size", "0"), new Tag("runway:idle-timeout", "5")));

        Rejection r = assertThrows(Rejection.class, () -> ServiceDecider.decide(create, ServiceState.initial(), FACTS));
        assertEquals(Rejection.INVALID_REQUEST, r.errorType());
        assertTrue(r.getMessage().contains("runway:idle-timeout"), r.getMessage());
    }

    @Test
    void aCreateWithABadRolloutTagIsRefusedNamingIt() {
        var create = new CreateService(ARN, "0123456789abcdef0123456789abcdef", "demo", CREATE_OP, CONFIG,
                List.of(new Tag("runway:rollout", "50,10,100")));

        Rejection r = assertThrows(Rejection.class, () -> ServiceDecider.decide(create, ServiceState.initial(), FACTS));
        assertEquals(Rejection.INVALID_REQUEST, r.errorType());
        assertTrue(r.getMessage().contains("runway:rollout"), r.getMessage());
    }

    private static ServiceState atZero() throws Rejection {
        ServiceState two = given(running());
        return ServiceDecider.fold(two, ServiceDecider.decide(new ScaleService(ARN, 0, "idle"), two, TO_ZERO));
    }
}
