package dev.runway.deployworker.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.deploy.RetireRevisions;
import dev.runway.events.deploy.StopService;
import dev.runway.events.model.HealthCheck;
import dev.runway.events.report.InstancesStopped;
import dev.runway.events.report.RevisionDeployFailed;
import dev.runway.events.report.RevisionDeployed;
import dev.runway.events.report.RevisionsRetired;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommandHandlerTest {

    FakeEngine engine;
    ScriptedProbe probe;
    CommandHandler handler;

    @BeforeEach
    void setUp() {
        engine = new FakeEngine();
        engine.localImages.add(RevisionRolloutTest.LOCAL_IMAGE);
        probe = new ScriptedProbe();
        var settings = new DeploySettings("test", "127.0.0.1:5000", Duration.ofSeconds(60), Duration.ofMillis(250),
                Duration.ofSeconds(10), Duration.ofMillis(50));
        var rollout = new RevisionRollout(engine, probe, new PortAllocator(new PortRange(20000, 20099), p -> true,
                new Random(1)), new FakeTicker(), settings, new Random(2), new FakeSecrets());
        handler = new CommandHandler(rollout, new ServiceStop(engine, settings),
                new RevisionRetirement(engine, settings, new FakeTicker()));
    }

    @Test
    void shouldAnswerEachCommandWithItsReport() {
        assertInstanceOf(RevisionDeployed.class, handler.handle(RevisionRolloutTest.deploy(1, 1)));
        var operation = UUID.randomUUID();
        assertEquals(new InstancesStopped(RevisionRolloutTest.ARN, operation),
                handler.handle(new StopService(RevisionRolloutTest.ARN, operation)));
    }

    @Test
    void shouldRetireEveryRevisionButTheOneThatServes() {
        // given revisions 1 and 2 running
        assertInstanceOf(RevisionDeployed.class, handler.handle(RevisionRolloutTest.deploy(1, 1)));
        assertInstanceOf(RevisionDeployed.class, handler.handle(RevisionRolloutTest.deploy(2, 1)));
        assertEquals(2, engine.all().size());
        var operation = UUID.randomUUID();

        // when traffic moved to revision 2
        var report = handler.handle(new RetireRevisions(RevisionRolloutTest.ARN, operation, 2));

        // then only revision 2 is left, and it is said so
        assertEquals(new RevisionsRetired(RevisionRolloutTest.ARN, operation, 2), report);
        assertEquals(java.util.List.of("2"), engine.all().stream().map(c -> c.labels.get(Labels.REVISION)).toList());
    }

    @Test
    void shouldAnswerARetirementAtOnceAndDrainInTheBackground() {
        // given a rollout and a retirement whose drains wait until the test lets them go
        var drains = new ArrayList<Runnable>();
        var settings = new DeploySettings("test", "127.0.0.1:5000", Duration.ofSeconds(60), Duration.ofMillis(250),
                Duration.ofSeconds(10), Duration.ofMillis(50));
        var draining = new DrainingContainers(engine, settings, (drain, removal) -> drains.add(removal));
        var rollout = new RevisionRollout(engine, probe, new PortAllocator(new PortRange(20000, 20099), p -> true,
                new Random(1)), new FakeTicker(), settings, new Random(2), DeploymentNotes.NONE, new FakeSecrets(),
                draining);
        var background = new CommandHandler(rollout, new ServiceStop(engine, settings),
                new RevisionRetirement(engine, settings, draining));
        background.handle(RevisionRolloutTest.deploy(1, 1));
        background.handle(RevisionRolloutTest.deploy(2, 1));
        String first = engine.all().stream().filter(c -> "1".equals(c.labels.get(Labels.REVISION))).findFirst()
                .orElseThrow().id;

        // when traffic moves to revision 2, twice (a retry of the command)
        assertInstanceOf(RevisionsRetired.class, background.handle(new RetireRevisions(RevisionRolloutTest.ARN,
                UUID.randomUUID(), 2)));
        assertInstanceOf(RevisionsRetired.class, background.handle(new RetireRevisions(RevisionRolloutTest.ARN,
                UUID.randomUUID(), 2)));

        // then both are answered while revision 1 still drains, and its drain is under way once
        assertEquals(1, drains.size());
        assertEquals(2, engine.all().size());

        // when a traffic split brings revision 1 back before its drain ended
        var report = assertInstanceOf(RevisionDeployed.class, background.handle(RevisionRolloutTest.deploy(1, 1)));

        // then it gets an instance of its own rather than the one about to go
        assertTrue(report.endpoints().stream().noneMatch(e -> e.instanceId().equals(instanceOf(first))));
        assertEquals(3, engine.all().size());

        // and when the drain ends only the retired container goes
        drains.forEach(Runnable::run);
        assertEquals(2, engine.all().size());
        assertTrue(engine.all().stream().noneMatch(c -> c.id.equals(first)));
    }

    private String instanceOf(String containerId) {
        return engine.all().stream().filter(c -> c.id.equals(containerId)).findFirst().orElseThrow()
                .labels.get(Labels.INSTANCE);
    }

    @Test
    void shouldTurnABugIntoAFailureReportRatherThanAStuckPartition() {
        // given the app's start trips over something nobody expected
        engine.onStart = box -> {
            throw new IllegalStateException("unexpected");
        };
        // when a revision is deployed
        var report = assertInstanceOf(RevisionDeployFailed.class, handler.handle(RevisionRolloutTest.deploy(1, 1)));
        // then it is reported failed with what happened
        assertTrue(report.reason().startsWith("The deploy-worker failed unexpectedly: "
                + "java.lang.IllegalStateException: unexpected"), report.reason());
        // and the revision's container is removed like after any failure
        assertEquals(java.util.List.of(), engine.all());
    }

    @Test
    void shouldLetAShutdownThrough() {
        // given the worker shuts down while the rollout waits for health checks
        var interrupted = new CommandHandler(new RevisionRollout(engine, (port, check) -> {
            throw new RolloutInterrupted(new InterruptedException());
        }, new PortAllocator(new PortRange(20000, 20099), p -> true, new Random(1)), new FakeTicker(),
                new DeploySettings("test", "127.0.0.1:5000", Duration.ofSeconds(60), Duration.ofMillis(250),
                        Duration.ofSeconds(10), Duration.ofMillis(50)), new Random(2), new FakeSecrets()), null, null);
        // when a revision is deployed, then there is no report: the command will be delivered again
        assertThrows(RolloutInterrupted.class, () -> interrupted.handle(RevisionRolloutTest.deploy(1, 1,
                RevisionRolloutTest.LOCAL_IMAGE, HealthCheck.defaults())));
        // and the started container is left for the next attempt to adopt
        assertEquals(1, engine.all().size());
    }
}
