package dev.runway.deployworker.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.deploy.StopService;
import dev.runway.events.report.InstancesStopFailed;
import dev.runway.events.report.InstancesStopped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServiceStopTest {

    static final String ARN = RevisionRolloutTest.ARN;
    static final String OTHER_ARN = "arn:aws:apprunner:us-east-1:000000000000:service/Other/ffffffffffffffffffffffffffffffff";
    static final UUID OPERATION = UUID.fromString("00000000-0000-0000-0000-000000000099");

    FakeEngine engine;
    ServiceStop stop;

    @BeforeEach
    void setUp() {
        engine = new FakeEngine();
        var settings = new DeploySettings("test", "127.0.0.1:5000", Duration.ofSeconds(60), Duration.ofMillis(250),
                Duration.ofSeconds(10), Duration.ofMillis(50));
        stop = new ServiceStop(engine, settings);
    }

    static Map<String, String> labels(String platform, String arn, int revision, String instance) {
        var labels = new HashMap<>(RevisionRolloutTest.labelsOf(revision, instance, 20000 + revision));
        labels.put(Labels.PLATFORM, platform);
        labels.put(Labels.SERVICE_ARN, arn);
        return labels;
    }

    @Test
    void shouldRemoveEveryContainerOfTheServiceOnThisPlatformOnly() {
        // given two revisions of the service here, one exited, plus the service on another platform and another service
        engine.seed("runway-test-hello-r1-aaaaaaaa", labels("test", ARN, 1, "aaaaaaaa"), "running");
        engine.seed("runway-test-hello-r2-bbbbbbbb", labels("test", ARN, 2, "bbbbbbbb"), "exited");
        engine.seed("runway-dev-hello-r1-cccccccc", labels("dev", ARN, 1, "cccccccc"), "running");
        engine.seed("runway-test-other-r1-dddddddd", labels("test", OTHER_ARN, 1, "dddddddd"), "running");
        // when the service is stopped
        var report = stop.stop(new StopService(ARN, OPERATION));
        // then it is reported stopped, and only the other two containers are left
        assertEquals(new InstancesStopped(ARN, OPERATION), report);
        assertEquals(List.of("runway-dev-hello-r1-cccccccc", "runway-test-other-r1-dddddddd"),
                engine.all().stream().map(b -> b.name).toList());
        // and the running one got SIGTERM first
        assertEquals(List.of("runway-test-hello-r1-aaaaaaaa"), engine.stopped);
    }

    @Test
    void shouldRemoveTheLocalImageWhenDeletingAndKeepItWhenPausing() {
        // given the service's image is on this machine
        engine.localImages.add("127.0.0.1:5000/hello:latest");
        // when the service is paused, then the image stays for the resume
        stop.stop(new StopService(ARN, OPERATION));
        assertEquals(true, engine.localImages.contains("127.0.0.1:5000/hello:latest"));
        // when it is deleted, then the image goes too
        assertEquals(new InstancesStopped(ARN, OPERATION),
                stop.stop(new StopService(ARN, OPERATION, "127.0.0.1:5000/hello:latest")));
        assertEquals(false, engine.localImages.contains("127.0.0.1:5000/hello:latest"));
    }

    @Test
    void shouldReportStoppedWhenNothingRuns() {
        // given no container of the service, when it is stopped (twice), then both are reported stopped
        assertEquals(new InstancesStopped(ARN, OPERATION), stop.stop(new StopService(ARN, OPERATION)));
        assertEquals(new InstancesStopped(ARN, OPERATION), stop.stop(new StopService(ARN, OPERATION)));
    }

    @Test
    void shouldReportWhatTheEngineRefused() {
        // given the engine refuses to remove one container
        engine.seed("runway-test-hello-r1-aaaaaaaa", labels("test", ARN, 1, "aaaaaaaa"), "running");
        engine.refuseRemovalOf.add("runway-test-hello-r1-aaaaaaaa");
        // when the service is stopped
        var report = assertInstanceOf(InstancesStopFailed.class, stop.stop(new StopService(ARN, OPERATION)));
        // then the reason names it and the engine's words
        assertEquals("Could not remove 1 of 1 container(s) of the service: runway-test-hello-r1-aaaaaaaa: could not "
                + "remove container runway-test-hello-r1-aaaaaaaa: device or resource busy", report.reason());
    }

    @Test
    void shouldReportAnEngineThatDoesNotAnswer() {
        engine.down = true;
        var report = assertInstanceOf(InstancesStopFailed.class, stop.stop(new StopService(ARN, OPERATION)));
        assertTrue(report.reason().startsWith("The Docker engine at fake://docker did not answer"), report.reason());
    }

    @Test
    void shouldReadTheServiceNameFromItsArn() {
        assertEquals("Hello", ServiceStop.serviceName(ARN));
        assertEquals("not-an-arn", ServiceStop.serviceName("not-an-arn"));
    }
}
