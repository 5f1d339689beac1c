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
