package dev.runway.registry.service;

import static dev.runway.registry.service.ServiceDeciderTest.ARN;
import static dev.runway.registry.service.ServiceDeciderTest.ENDPOINTS;
import static dev.runway.registry.service.ServiceDeciderTest.NOW;
import static dev.runway.registry.service.ServiceLifecycleTest.NEW_ENDPOINTS;
import static dev.runway.registry.service.ServiceLifecycleTest.OP;
import static dev.runway.registry.service.ServiceLifecycleTest.V2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.command.AdvanceRollout;
import dev.runway.events.command.RollBackRollout;
import dev.runway.events.command.StartDeployment;
import dev.runway.events.command.UpdateService;
import dev.runway.events.deploy.RetireRevisions;
import dev.runway.events.event.DeploymentStarted;
import dev.runway.events.event.OperationFailed;
import dev.runway.events.event.OperationSucceeded;
import dev.runway.events.event.RevisionActivated;
import dev.runway.events.event.RolloutRolledBack;
import dev.runway.events.event.RolloutStarted;
import dev.runway.events.event.RolloutStepped;
import dev.runway.events.event.ServiceEvent;
import dev.runway.events.event.TrafficShifted;
import dev.runway.events.model.RevisionTraffic;
import dev.runway.events.model.RolloutFigures;
import dev.runway.events.model.RolloutPlan;
import dev.runway.events.model.ServiceStatus;
import dev.runway.events.report.RevisionDeployed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Gradual rollouts in the registry: given a service on revision 1 tagged runway:rollout, when it is updated, then. */
class GradualRolloutDeciderTest {

    static final RolloutPlan PLAN = new RolloutPlan(List.of(10, 50, 100), 30);

    static Facts withPlan(RolloutPlan plan) {
        return new Facts(NOW, false, null, null, null, Map.of(), plan);
    }

    /** Revision 1 serves; an update to revision 2 under the plan was accepted. */
    static List<ServiceEvent> updating(RolloutPlan plan) throws Rejection {
        List<ServiceEvent> history = new ArrayList<>(ServiceDeciderTest.running());
        history.addAll(ServiceDecider.decide(new UpdateService(ARN, OP, V2), ServiceDeciderTest.given(history),
                withPlan(plan)));
        return history;
    }

    @Test
    void givenAPlan_whenUpdated_thenTheDeploymentRecordsItAndRevision1StillTakesEverything() throws Rejection {
        List<ServiceEvent> history = updating(PLAN);

        RolloutStarted started = (RolloutStarted) history.get(history.size() - 1);
        assertEquals(new RolloutStarted(ARN, OP, 2, 1, List.of(10, 50, 100), 30), started);
        assertInstanceOf(DeploymentStarted.class, history.get(history.size() - 2));
        ServiceState during = ServiceDeciderTest.given(history);
        assertTrue(during.rollout().gradual());
        assertEquals(1, during.activeRevision());
        assertEquals(List.of(), during.traffic().split());
    }

    @Test
    void givenAPlan_whenTheNewRevisionIsHealthy_thenItTakesTheFirstStepBesideTheOldOneWhichStaysActive()
            throws Rejection {
        List<ServiceEvent> history = updating(PLAN);

        List<ServiceEvent> healthy = ServiceDecider.onReport(new RevisionDeployed(ARN, OP, 2, NEW_ENDPOINTS),
                ServiceDeciderTest.given(history), NOW);
        history.addAll(healthy);

        assertEquals(List.of(new RevisionTraffic(2, 10, null, NEW_ENDPOINTS), new RevisionTraffic(1, 90, null,
                ENDPOINTS)), ((TrafficShifted) healthy.get(0)).traffic());
        RolloutStepped step = (RolloutStepped) healthy.get(1);
        assertEquals(10, step.percent());
        assertTrue(step.reason().contains("step 1 of 3") && step.reason().contains("10,50,100"), step.reason());
        assertEquals(2, healthy.size(), "no activation and the operation goes on: " + healthy);
        ServiceState after = ServiceDeciderTest.given(history);
        assertEquals(1, after.activeRevision(), "the old revision scales until the last step");
        assertEquals(ServiceStatus.OPERATION_IN_PROGRESS, after.status());
        assertEquals(NOW, after.rollout().stepStartedAt());
        assertEquals(List.of(new RetireRevisions(ARN, OP, 1, List.of(2, 1))), ServiceProcess.react(healthy, after),
                "both revisions keep running");
    }

    @Test
    void givenTheFirstStepTaken_whenTheHealthyReportComesAgain_thenNothingChanges() throws Rejection {
        List<ServiceEvent> history = updating(PLAN);
        history.addAll(ServiceDecider.onReport(new RevisionDeployed(ARN, OP, 2, NEW_ENDPOINTS),
                ServiceDeciderTest.given(history), NOW));

        assertEquals(List.of(), ServiceDecider.onReport(new RevisionDeployed(ARN, OP, 2, NEW_ENDPOINTS),
                ServiceDeciderTest.given(history), NOW));
    }

    @Test
    void givenNoPlanOrAPlanOfOneStep_whenUpdated_thenTheNewRevisionTakesEverythingAtOnceAsOnAppRunner()
            throws Rejection {
        for (RolloutPlan plan : new RolloutPlan[] {null, new RolloutPlan(List.of(100), 60)}) {
            List<ServiceEvent> history = updating(plan);
            assertFalse(history.stream().anyMatch(RolloutStarted.class::isInstance));
            List<ServiceEvent> healthy = ServiceDecider.onReport(new RevisionDeployed(ARN, OP, 2, NEW_ENDPOINTS),
                    ServiceDeciderTest.given(history), NOW);
            assertInstanceOf(RevisionActivated.class, healthy.get(0));
        }
    }

    @Test
    void givenAPlan_whenAStartDeploymentRuns_thenItRollsOutByStepsToo() throws Rejection {
        List<ServiceEvent> history = new ArrayList<>(ServiceDeciderTest.running());
        List<ServiceEvent> appended = ServiceDecider.decide(new StartDeployment(ARN, OP),
                ServiceDeciderTest.given(history), withPlan(PLAN));

        assertInstanceOf(RolloutStarted.class, appended.get(appended.size() - 1));
    }

    /** Revision 2 takes its first step, 10 %. */
    static List<ServiceEvent> atFirstStep() throws Rejection {
        List<ServiceEvent> history = updating(PLAN);
        history.addAll(ServiceDecider.onReport(new RevisionDeployed(ARN, OP, 2, NEW_ENDPOINTS),
                ServiceDeciderTest.given(history), NOW));
        return history;
    }

    static final List<RolloutFigures> FIGURES = List.of(new RolloutFigures(2, 60, 12, 15.0),
            new RolloutFigures(1, 540, 0, 11.0));

    @Test
    void givenTheFirstStep_whenAdvancedTo50_thenTheSplitMovesAndTheOperationGoesOn() throws Rejection {
        List<ServiceEvent> history = atFirstStep();

        List<ServiceEvent> next = ServiceDecider.decide(new AdvanceRollout(ARN, OP, 2, 50, "10 % → 50 %: fine",
                List.of()), ServiceDeciderTest.given(history), withPlan(null));
        history.addAll(next);

        assertEquals(new RolloutStepped(ARN, OP, 2, 50, "10 % → 50 %: fine", NOW), next.get(0));
        assertEquals(List.of(new RevisionTraffic(2, 50, null, NEW_ENDPOINTS), new RevisionTraffic(1, 50, null,
                ENDPOINTS)), ((TrafficShifted) next.get(1)).traffic());
        assertEquals(ServiceStatus.OPERATION_IN_PROGRESS, ServiceDeciderTest.given(history).status());
        assertEquals(List.of(), ServiceDecider.decide(new AdvanceRollout(ARN, OP, 2, 50, "again", List.of()),
                ServiceDeciderTest.given(history), withPlan(null)), "a decision sent again changes nothing");
    }

    @Test
    void givenTheFirstStep_whenAdvancedTo100_thenTheRolloutEndsAsADeploymentDoes() throws Rejection {
        List<ServiceEvent> history = atFirstStep();

        List<ServiceEvent> done = ServiceDecider.decide(new AdvanceRollout(ARN, OP, 2, 100, "rollout complete",
                List.of()), ServiceDeciderTest.given(history), withPlan(null));
        history.addAll(done);

        assertTrue(done.stream().anyMatch(e -> e.equals(new RevisionActivated(ARN, OP, 2, NEW_ENDPOINTS))), "" + done);
        assertTrue(done.stream().anyMatch(OperationSucceeded.class::isInstance));
        ServiceState after = ServiceDeciderTest.given(history);
        assertEquals(ServiceStatus.RUNNING, after.status());
        assertEquals(2, after.activeRevision());
        assertEquals(V2, after.configuration());
        assertEquals(List.of(), after.traffic().split());
        assertTrue(ServiceProcess.react(done, after).contains(new RetireRevisions(ARN, OP, 2)));
    }

    @Test
    void givenTheFirstStep_whenRolledBack_thenRevision1TakesEverythingAndTheOperationEndsRolledBackWithTheFigures()
            throws Rejection {
        List<ServiceEvent> history = atFirstStep();

        List<ServiceEvent> back = ServiceDecider.decide(new RollBackRollout(ARN, OP, 2,
                "5xx rate 20.0 % on revision 2 (12 of 60 requests) against 0.0 % on revision 1", FIGURES),
                ServiceDeciderTest.given(history), withPlan(null));
        history.addAll(back);

        RolloutRolledBack rolledBack = (RolloutRolledBack) back.get(0);
        assertEquals(FIGURES, rolledBack.figures());
        assertEquals(1, rolledBack.toRevision());
        assertTrue(rolledBack.reason().startsWith("Rolled back to revision 1: revision 2 did worse at 10 %")
                && rolledBack.reason().contains("5xx rate 20.0 %"), rolledBack.reason());
        assertEquals(List.of(), ((TrafficShifted) back.get(1)).traffic());
        OperationFailed failed = (OperationFailed) back.stream().filter(OperationFailed.class::isInstance)
                .findFirst().orElseThrow();
        assertEquals(rolledBack.reason(), failed.reason());
        ServiceState after = ServiceDeciderTest.given(history);
        assertEquals(ServiceStatus.RUNNING, after.status());
        assertEquals(1, after.activeRevision());
        assertEquals(ServiceDeciderTest.CONFIG, after.configuration());
        assertEquals(List.of(), after.traffic().split());
        assertEquals(List.of(new RetireRevisions(ARN, OP, 1, List.of())), ServiceProcess.react(back, after),
                "revision 2 drains and goes");
    }

    @Test
    void givenNoRolloutTakingTraffic_whenADecisionComes_thenItIsRefusedAndNothingChanges() throws Rejection {
        List<ServiceEvent> deploying = updating(PLAN);
        Rejection early = assertThrows(Rejection.class, () -> ServiceDecider.decide(new RollBackRollout(ARN, OP, 2,
                "worse", FIGURES), ServiceDeciderTest.given(deploying), withPlan(null)));
        assertEquals(Rejection.INVALID_STATE, early.errorType());

        List<ServiceEvent> history = atFirstStep();
        Rejection other = assertThrows(Rejection.class, () -> ServiceDecider.decide(new AdvanceRollout(ARN,
                java.util.UUID.randomUUID(), 2, 50, "stale", List.of()), ServiceDeciderTest.given(history),
                withPlan(null)));
        assertEquals(Rejection.INVALID_STATE, other.errorType());
        Rejection notAStep = assertThrows(Rejection.class, () -> ServiceDecider.decide(new AdvanceRollout(ARN, OP,
                2, 70, "?", List.of()), ServiceDeciderTest.given(history), withPlan(null)));
        assertTrue(notAStep.getMessage().contains("10,50,100"), notAStep.getMessage());
    }
}
