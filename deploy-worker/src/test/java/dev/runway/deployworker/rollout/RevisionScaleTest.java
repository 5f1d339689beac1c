package dev.runway.deployworker.rollout;

import static dev.runway.deployworker.rollout.RevisionRolloutTest.ARN;
import static dev.runway.deployworker.rollout.RevisionRolloutTest.LOCAL_IMAGE;
import static dev.runway.deployworker.rollout.RevisionRolloutTest.deploy;
import static dev.runway.deployworker.rollout.RevisionRolloutTest.labelsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.deploy.ScaleRevision;
import dev.runway.events.model.Endpoint;
import dev.runway.events.report.RevisionScaled;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scaling a serving revision against an in-memory engine. */
class RevisionScaleTest {

    FakeEngine engine;
    ScriptedProbe probe;
    FakeTicker ticker;
    FakeSecrets secrets;
    RevisionRollout rollout;

    @BeforeEach
    void setUp() {
        engine = new FakeEngine();
        engine.localImages.add(LOCAL_IMAGE);
        probe = new ScriptedProbe();
        ticker = new FakeTicker();
        secrets = new FakeSecrets();
        var settings = new DeploySettings("test", "127.0.0.1:5000", Duration.ofSeconds(60), Duration.ofMillis(250),
                Duration.ofSeconds(10), Duration.ofMillis(50));
        rollout = new RevisionRollout(engine, probe, new PortAllocator(new PortRange(20000, 20099), port -> true,
                new Random(7)), ticker, settings, new Random(42), secrets);
        engine.seed("runway-test-hello-r1-aaaaaaaa", labelsOf(1, "aaaaaaaa", 20050), "running");
        engine.seed("runway-test-hello-r1-bbbbbbbb", labelsOf(1, "bbbbbbbb", 20051), "running");
    }

    static ScaleRevision scale(int instances, String... keep) {
        var d = deploy(1, instances);
        return new ScaleRevision(ARN, "Hello", 1, d.image(), d.instance(), d.healthCheck(), instances, List.of(keep));
    }

    RevisionScaled scaled(ScaleRevision command) {
        return assertInstanceOf(RevisionScaled.class, rollout.scale(command));
    }

    @Test
    void scalingUpKeepsTheServingInstancesAndAddsHealthyOnes() {
        probe.answering(false, false).thenAlways(true);

        var report = scaled(scale(4, "aaaaaaaa", "bbbbbbbb"));

        assertNull(report.failure());
        assertEquals(4, report.instances());
        assertEquals(4, report.endpoints().size());
        assertTrue(report.endpoints().containsAll(List.of(new Endpoint("aaaaaaaa", "127.0.0.1", 20050),
                new Endpoint("bbbbbbbb", "127.0.0.1", 20051))));
        assertEquals(2, engine.created.size());
        assertTrue(probe.attempts.size() >= 4, "the new instances were reported only after passing their checks");
        assertEquals(List.of(), engine.stopped);
    }

    @Test
    void scalingDownDrainsAndRemovesTheInstancesOutOfTraffic() {
        var report = scaled(scale(1, "bbbbbbbb"));

        assertEquals(List.of(new Endpoint("bbbbbbbb", "127.0.0.1", 20051)), report.endpoints());
        assertEquals(1, engine.all().size());
        assertTrue(ticker.elapsed().compareTo(Duration.ofMillis(50)) >= 0, "drained for the drain time first");
        assertEquals(List.of(), engine.created);
    }

    @Test
    void aFailedScaleUpRemovesOnlyWhatItStartedAndReportsWhatServes() {
        engine.onStart = box -> box.exit(1, false, "boom");

        var report = scaled(scale(3, "aaaaaaaa", "bbbbbbbb"));

        assertTrue(report.failure().contains("exited with code 1"), report.failure());
        assertEquals(2, report.endpoints().size());
        assertEquals(2, engine.all().size(), "the serving instances are untouched");
        assertTrue(engine.all().stream().allMatch(b -> b.state.equals("running")));
    }

    @Test
    void scalingUpGivesTheNewInstancesTheResolvedValues() {
        var report = scaled(scale(3, "aaaaaaaa", "bbbbbbbb"));

        assertNull(report.failure());
        assertEquals(1, secrets.calls.size());
        assertEquals(FakeSecrets.TOKEN_VALUE, engine.created.get(0).env().get("TOKEN"));
    }

    @Test
    void scalingUpWithAReferenceThatDoesNotResolveStartsNothingAndKeepsWhatServes() {
        secrets.store.clear();

        var report = scaled(scale(3, "aaaaaaaa", "bbbbbbbb"));

        assertTrue(report.failure().startsWith("Secret reference of variable TOKEN (/hello/token) does not resolve"),
                report.failure());
        assertEquals(2, report.endpoints().size());
        assertEquals(List.of(), engine.created);
        assertEquals(2, engine.all().size(), "the serving instances are untouched");
    }

    @Test
    void aScaleDownDrainsOffTheCommandThreadAndTheNextScalingLeavesItsInstancesAlone() {
        // given drains that wait until the test lets them go
        var pending = new java.util.ArrayList<Runnable>();
        var settings = new DeploySettings("test", "127.0.0.1:5000", Duration.ofSeconds(60), Duration.ofMillis(250),
                Duration.ofSeconds(10), Duration.ofSeconds(2));
        rollout = new RevisionRollout(engine, probe, new PortAllocator(new PortRange(20000, 20099), port -> true,
                new Random(7)), ticker, settings, new Random(42), DeploymentNotes.NONE, secrets,
                new DrainingContainers(engine, settings, (drain, removal) -> pending.add(removal)));

        // when the revision is scaled to zero, the report comes at once, the instances still drain
        var down = scaled(scale(0));
        assertEquals(List.of(), down.endpoints());
        assertEquals(Duration.ZERO, ticker.elapsed(), "the command thread did not wait out the drain");
        assertEquals(2, engine.all().size());
        assertEquals(1, pending.size());

        // and a wake meanwhile starts a fresh instance rather than adopting (or killing) a draining one
        var up = scaled(scale(1));
        assertEquals(1, up.endpoints().size());
        assertTrue(up.endpoints().stream().noneMatch(e -> e.instanceId().equals("aaaaaaaa")
                || e.instanceId().equals("bbbbbbbb")), up.endpoints().toString());
        assertEquals(3, engine.all().size());

        // then once the drain is over only the draining ones go
        pending.forEach(Runnable::run);
        assertEquals(1, engine.all().size());
        assertEquals(up.endpoints().get(0).port(), DeployPlan.port(engine.containers(
                Labels.ofRevision("test", ARN, 1)).get(0)));
    }

    @Test
    void scalingDownAsksForNoValues() {
        scaled(scale(1, "bbbbbbbb"));
        assertEquals(List.of(), secrets.calls);
    }
}
