package dev.runway.deployworker.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.deploy.DeployRevision;
import dev.runway.events.model.Endpoint;
import dev.runway.events.model.HealthCheck;
import dev.runway.events.model.ImageSource;
import dev.runway.events.model.InstanceSize;
import dev.runway.events.report.Report;
import dev.runway.events.report.RevisionDeployFailed;
import dev.runway.events.report.RevisionDeployed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The deploy decision against an in-memory engine: given what runs, when a revision is deployed, then... */
class RevisionRolloutTest {

    static final String ARN = "arn:aws:apprunner:us-east-1:000000000000:service/Hello/0123456789abcdef0123456789abcdef";
    static final UUID OPERATION = UUID.fromString("00000000-0000-0000-0000-000000000042");
    static final String LOCAL_IMAGE = "runway/busybox:local";

    FakeEngine engine;
    ScriptedProbe probe;
    FakeTicker ticker;
    FakeSecrets secrets;
    PortRange range = new PortRange(20000, 20099);
    RevisionRollout rollout;

    @BeforeEach
    void setUp() {
        engine = new FakeEngine();
        engine.localImages.add(LOCAL_IMAGE);
        probe = new ScriptedProbe();
        ticker = new FakeTicker();
        secrets = new FakeSecrets();
        rollout = rolloutWith(range);
    }

    RevisionRollout rolloutWith(PortRange ports) {
        var settings = new DeploySettings("test", "127.0.0.1:5000", Duration.ofSeconds(60), Duration.ofMillis(250),
                Duration.ofSeconds(10), Duration.ofMillis(50));
        return new RevisionRollout(engine, probe, new PortAllocator(ports, port -> true, new Random(7)), ticker,
                settings, new Random(42), secrets);
    }

    static DeployRevision deploy(int revision, int instances) {
        return deploy(revision, instances, LOCAL_IMAGE, HealthCheck.defaults());
    }

    static DeployRevision deploy(int revision, int instances, String image, HealthCheck check) {
        var source = new ImageSource(image, "ECR", "8080", "busybox httpd -f -p 127.0.0.1:$PORT -h /tmp",
                Map.of("STAGE", "test"), Map.of("TOKEN", FakeSecrets.TOKEN_REFERENCE));
        return new DeployRevision(ARN, "Hello", OPERATION, revision, source, new InstanceSize(1024, 2048, null), check,
                instances);
    }

    static Map<String, String> labelsOf(int revision, String instanceId, int port) {
        return Map.of(Labels.PLATFORM, "test", Labels.SERVICE_ARN, ARN, Labels.REVISION, Integer.toString(revision),
                Labels.INSTANCE, instanceId, Labels.PORT, Integer.toString(port));
    }

    static RevisionDeployed deployed(Report report) {
        return assertInstanceOf(RevisionDeployed.class, report, () -> "expected a deployment, got " + report);
    }

    static RevisionDeployFailed failed(Report report) {
        return assertInstanceOf(RevisionDeployFailed.class, report, () -> "expected a failure, got " + report);
    }

    @Test
    void shouldStartMissingInstancesAndReportTheirEndpoints() {
        // given nothing runs
        // when revision 1 is deployed with 2 instances
        var report = deployed(rollout.deploy(deploy(1, 2)));
        // then two containers run, on two different ports in the range, and both are reported
        assertEquals(2, engine.created.size());
        assertEquals(2, report.endpoints().size());
        var ports = new HashSet<Integer>();
        for (Endpoint endpoint : report.endpoints()) {
            assertEquals("127.0.0.1", endpoint.host());
            assertTrue(range.contains(endpoint.port()));
            assertTrue(endpoint.instanceId().matches("[0-9a-f]{8}"), endpoint.instanceId());
            ports.add(endpoint.port());
        }
        assertEquals(2, ports.size());
        assertEquals(ARN, report.serviceArn());
        assertEquals(OPERATION, report.operationId());
        assertEquals(1, report.revision());
        assertTrue(engine.all().stream().allMatch(b -> b.state.equals("running")));
    }

    @Test
    void shouldAdoptRunningInstancesInsteadOfStartingNewOnes() {
        // given instance aaaaaaaa of revision 1 already runs on port 20050
        engine.seed("runway-test-hello-r1-aaaaaaaa", labelsOf(1, "aaaaaaaa", 20050), "running");
        // when revision 1 is deployed with 1 instance
        var report = deployed(rollout.deploy(deploy(1, 1)));
        // then nothing is created and the running instance is reported
        assertEquals(List.of(), engine.created);
        assertEquals(List.of(new Endpoint("aaaaaaaa", "127.0.0.1", 20050)), report.endpoints());
    }

    @Test
    void shouldConvergeWhenTheSameCommandArrivesTwice() {
        // given revision 1 was deployed once
        var first = deployed(rollout.deploy(deploy(1, 2)));
        // when the same command is delivered again
        var second = deployed(rollout.deploy(deploy(1, 2)));
        // then the same instances are reported and nothing new is started
        assertEquals(new HashSet<>(first.endpoints()), new HashSet<>(second.endpoints()));
        assertEquals(2, engine.created.size());
        assertEquals(2, engine.all().size());
    }

    @Test
    void shouldReplaceDeadInstances() {
        // given instance aaaaaaaa of revision 1 has exited
        engine.seed("runway-test-hello-r1-aaaaaaaa", labelsOf(1, "aaaaaaaa", 20050), "exited");
        // when revision 1 is deployed with 1 instance
        var report = deployed(rollout.deploy(deploy(1, 1)));
        // then the dead one is removed and a new one reported
        assertEquals(1, engine.created.size());
        assertEquals(1, engine.all().size());
        assertFalse(report.endpoints().get(0).instanceId().equals("aaaaaaaa"));
    }

    @Test
    void shouldRemoveSurplusInstancesGracefully() {
        // given three instances of revision 1 run
        engine.seed("runway-test-hello-r1-aaaaaaaa", labelsOf(1, "aaaaaaaa", 20050), "running");
        engine.seed("runway-test-hello-r1-bbbbbbbb", labelsOf(1, "bbbbbbbb", 20051), "running");
        engine.seed("runway-test-hello-r1-cccccccc", labelsOf(1, "cccccccc", 20052), "running");
        // when revision 1 is deployed with 2
        var report = deployed(rollout.deploy(deploy(1, 2)));
        // then one is stopped (SIGTERM first) and removed, two are reported
        assertEquals(List.of("runway-test-hello-r1-cccccccc"), engine.stopped);
        assertEquals(2, engine.all().size());
        assertEquals(List.of("aaaaaaaa", "bbbbbbbb"), report.endpoints().stream().map(Endpoint::instanceId).toList());
    }

    @Test
    void shouldLeaveOtherRevisionsAndPlatformsAlone() {
        // given revision 1 runs on this platform, and revision 2 on another platform
        engine.seed("runway-test-hello-r1-aaaaaaaa", labelsOf(1, "aaaaaaaa", 20050), "running");
        var other = new java.util.HashMap<>(labelsOf(2, "bbbbbbbb", 20051));
        other.put(Labels.PLATFORM, "dev");
        engine.seed("runway-dev-hello-r2-bbbbbbbb", other, "running");
        // when revision 2 is deployed here
        deployed(rollout.deploy(deploy(2, 1)));
        // then both earlier containers still run, plus the new one
        assertEquals(3, engine.all().size());
        assertTrue(engine.all().stream().allMatch(b -> b.state.equals("running")));
    }

    @Test
    void shouldNotGiveANewInstanceAPortAnyContainerNames() {
        // given the range has two ports and a container of another platform is labelled with 20000
        var labels = new java.util.HashMap<>(labelsOf(9, "bbbbbbbb", 20000));
        labels.put(Labels.PLATFORM, "dev");
        engine.seed("runway-dev-other-r9-bbbbbbbb", labels, "running");
        rollout = rolloutWith(new PortRange(20000, 20001));
        // when one instance is started
        var report = deployed(rollout.deploy(deploy(1, 1)));
        // then it gets the other port
        assertEquals(20001, report.endpoints().get(0).port());
    }

    @Test
    void shouldFailWhenNoPortIsLeft() {
        // given the only port of the range is named by a container
        engine.seed("runway-test-hello-r1-aaaaaaaa", labelsOf(1, "aaaaaaaa", 20000), "running");
        rollout = rolloutWith(new PortRange(20000, 20000));
        // when a second revision needs a port
        var report = failed(rollout.deploy(deploy(2, 1)));
        // then the reason says so
        assertTrue(report.reason().startsWith("No free port is left in the instance port range 20000-20000"),
                report.reason());
    }

    @Test
    void shouldGiveEachInstanceItsSpec() {
        // when revision 3 is deployed
        deployed(rollout.deploy(deploy(3, 1)));
        // then the container carries the name, labels, env and limits of the revision
        var spec = engine.created.get(0);
        String instanceId = spec.labels().get(Labels.INSTANCE);
        assertEquals("runway-test-hello-r3-" + instanceId, spec.name());
        assertEquals(LOCAL_IMAGE, spec.image());
        assertEquals("3", spec.labels().get(Labels.REVISION));
        assertEquals(OPERATION.toString(), spec.labels().get(Labels.OPERATION));
        assertEquals(spec.labels().get(Labels.PORT), spec.env().get("PORT"));
        assertEquals(2048L * 1024 * 1024, spec.memoryBytes());
        assertEquals(1_000_000_000L, spec.nanoCpus());
    }

    @Test
    void shouldFailWithTheExitCodeAndLastLogLinesWhenAnInstanceExits() {
        // given the app exits with code 3 right after starting, printing a secret
        engine.onStart = box -> box.exit(3, false, "starting on $PORT", "fatal: TOKEN=s3cr3t-value rejected");
        // when revision 1 is deployed
        var report = failed(rollout.deploy(deploy(1, 1)));
        // then the reason names the exit code, says it was not OOM-killed, shows the log without the secret
        assertTrue(report.reason().contains("exited with code 3 before it became healthy (not OOM-killed)"),
                report.reason());
        assertTrue(report.reason().contains("fatal: TOKEN=**** rejected"), report.reason());
        assertFalse(report.reason().contains("s3cr3t-value"), report.reason());
        // and the revision's containers are gone
        assertEquals(List.of(), engine.all());
        // and it failed at once, without waiting for the ready timeout
        assertEquals(Duration.ZERO, ticker.elapsed());
    }

    @Test
    void shouldTellTheDeploymentLogEachStepAndTheOutcome() {
        var notes = new ArrayList<String>();
        var settings = new DeploySettings("test", "127.0.0.1:5000", Duration.ofSeconds(60), Duration.ofMillis(250),
                Duration.ofSeconds(10), Duration.ofMillis(50));
        var told = new RevisionRollout(engine, probe, new PortAllocator(range, port -> true, new Random(7)), ticker,
                settings, new Random(42), (deploy, message) -> notes.add(deploy.revision() + ": " + message), secrets);

        var report = deployed(told.deploy(deploy(1, 1)));

        String id = report.endpoints().get(0).instanceId();
        int port = report.endpoints().get(0).port();
        assertEquals(List.of(
                "1: Deploying revision 1 of image " + LOCAL_IMAGE + " with 1 instance(s).",
                "1: Using image " + LOCAL_IMAGE + " from this machine.",
                "1: Resolved the secret references of TOKEN.",
                "1: Starting instance " + id + " on port " + port + ".",
                "1: Instance " + id + " passed 1 TCP health check(s) on port " + port + ".",
                "1: Revision 1 deployed: 1 instance(s) healthy."), notes);

        notes.clear();
        engine.onStart = box -> box.exit(3, false, "fatal: TOKEN=s3cr3t-value rejected");
        var failure = failed(told.deploy(deploy(2, 1)));

        assertEquals("2: Revision 2 failed to deploy; its instances are removed. Reason:", notes.get(4));
        assertEquals(failure.reason().lines().map(line -> "2: " + line).toList(), notes.subList(5, notes.size()));
        assertFalse(String.join("\n", notes).contains("s3cr3t-value"));
    }

    @Test
    void shouldSayWhenTheKernelKilledAnInstanceForUsingTooMuchMemory() {
        engine.onStart = box -> box.exit(137, true);
        var report = failed(rollout.deploy(deploy(1, 1)));
        assertTrue(report.reason().contains("exited with code 137"), report.reason());
        assertTrue(report.reason().contains("OOM-killed: it used more than its 2048 MiB memory limit"),
                report.reason());
        assertTrue(report.reason().endsWith("It wrote nothing to its log."), report.reason());
    }

    @Test
    void shouldFailWhenInstancesAreNotHealthyWithinTheReadyTimeout() {
        // given the app never accepts connections
        probe.thenAlways(false);
        // when revision 1 is deployed
        var report = failed(rollout.deploy(deploy(1, 1)));
        // then it fails after 60 s of polling (20, 40, 80 and 160 ms apart while it starts, then
        // every 250 ms), naming the check and the last attempt
        assertTrue(report.reason().startsWith("Revision 1 did not become healthy within 60s: instance r1-"),
                report.reason());
        assertTrue(report.reason().contains("did not pass its TCP health check (last attempt: connection refused; "
                + "0 of 1 consecutive passes)"), report.reason());
        assertEquals(Duration.ofMillis(60_050), ticker.elapsed());
        assertEquals(5 + 239, probe.attempts.size());
        assertEquals(List.of(), engine.all());
    }

    @Test
    void shouldFailOnceARunningAppAnswersItsHttpCheckBadlyUnhealthyThresholdTimesInARow() {
        // given an app that starts listening on the fifth attempt (after 20 + 40 + 80 + 160 ms), then
        // answers its HTTP check with 404
        var check = new HealthCheck("HTTP", "/health", 2, 1, 1, 3);
        probe.answering(false, false, false, false).thenAnswering(InstanceProbe.Result.refused("HTTP 404"));
        // when deployed
        var report = failed(rollout.deploy(deploy(1, 1, LOCAL_IMAGE, check)));
        // then it fails on the third failing answer, 2 s apart, well before the 60 s ready timeout
        assertTrue(report.reason().startsWith("Revision 1 failed its HTTP health check: instance r1-"), report.reason());
        assertTrue(report.reason().contains("answered GET /health with HTTP 404 on 3 consecutive checks, 2s apart"),
                report.reason());
        assertEquals(Duration.ofMillis(300 + 2000 + 2000), ticker.elapsed());
        assertEquals(List.of(), engine.all(), "the failed revision's containers are removed");
    }

    @Test
    void shouldCountOnlyConsecutiveFailingAnswers() {
        // given an app whose check fails on two counted checks (1 s apart), passes once, then fails on
        // two more (UnhealthyThreshold 3), then passes
        var check = new HealthCheck("HTTP", "/health", 1, 1, 3, 3);
        var bad = InstanceProbe.Result.refused("HTTP 500");
        var good = InstanceProbe.Result.passed("HTTP 200");
        probe.answering(bad, bad, bad, bad, bad, good, bad, bad, bad, bad, bad).thenAnswering(good);
        // when deployed, then the pass in between resets the count and the revision goes live
        deployed(rollout.deploy(deploy(1, 1, LOCAL_IMAGE, check)));
        assertEquals(14, probe.attempts.size());
    }

    @Test
    void shouldWaitForTheHealthyThresholdOfConsecutivePasses() {
        // given a check that needs 3 passes in a row, and an app that passes, fails, then passes
        var check = new HealthCheck("HTTP", "/health", 5, 2, 3, 5);
        probe.answering(true, false, true, true, true);
        // when deployed
        deployed(rollout.deploy(deploy(1, 1, LOCAL_IMAGE, check)));
        // then it took five attempts, 250 ms apart
        assertEquals(5, probe.attempts.size());
        assertEquals(Duration.ofMillis(1000), ticker.elapsed());
    }

    @Test
    void shouldPullImagesNamingThePlatformRegistry() {
        // given the platform registry has the image an ECR name maps to
        engine.registryImages.add("127.0.0.1:5000/hello:1");
        // when a revision of 123456789012.dkr.ecr.us-east-1.amazonaws.com/hello:1 is deployed
        deployed(rollout.deploy(deploy(1, 1, "123456789012.dkr.ecr.us-east-1.amazonaws.com/hello:1",
                HealthCheck.defaults())));
        // then it was pulled and runs under its platform name
        assertEquals(List.of("127.0.0.1:5000/hello:1"), engine.pulls);
        assertEquals("127.0.0.1:5000/hello:1", engine.created.get(0).image());
    }

    @Test
    void shouldFailWithAPushHintWhenTheImageIsNotInThePlatformRegistry() {
        var report = failed(rollout.deploy(deploy(1, 1, "127.0.0.1:5000/nope", HealthCheck.defaults())));
        assertEquals("Image 127.0.0.1:5000/nope:latest was not found in the platform registry 127.0.0.1:5000 "
                + "(manifest unknown). Push it first: docker push 127.0.0.1:5000/nope:latest", report.reason());
        assertEquals(List.of(), engine.created);
    }

    @Test
    void shouldSayWhenTheRegistryDoesNotAnswer() {
        engine.pullError = "Get \"http://127.0.0.1:5000/v2/\": dial tcp 127.0.0.1:5000: connect: connection refused";
        var report = failed(rollout.deploy(deploy(1, 1, "127.0.0.1:5000/hello:1", HealthCheck.defaults())));
        assertTrue(report.reason().startsWith("Image 127.0.0.1:5000/hello:1 could not be pulled: the platform "
                + "registry 127.0.0.1:5000 did not answer ("), report.reason());
    }

    @Test
    void shouldSayWhenTheRegistryRefusesTheLogin() {
        engine.pullError = "Head \"http://127.0.0.1:5000/v2/hello/manifests/1\": unauthorized: wrong password for the"
                + " platform component deploy-worker";
        var report = failed(rollout.deploy(deploy(1, 1, "127.0.0.1:5000/hello:1", HealthCheck.defaults())));
        assertTrue(report.reason().startsWith("Image 127.0.0.1:5000/hello:1 could not be pulled: the platform "
                + "registry 127.0.0.1:5000 refused the deploy-worker's login ("), report.reason());
        assertTrue(report.reason().contains("RUNWAY_REGISTRY_PASSWORD_FILE"), report.reason());
    }

    @Test
    void shouldUseTheLocalCopyWhenThePullFails() {
        // given the registry does not have the image, but this machine does
        engine.localImages.add("127.0.0.1:5000/hello:1");
        // when deployed
        deployed(rollout.deploy(deploy(1, 1, "127.0.0.1:5000/hello:1", HealthCheck.defaults())));
        // then the pull was tried and the local copy used
        assertEquals(List.of("127.0.0.1:5000/hello:1"), engine.pulls);
        assertEquals(1, engine.created.size());
    }

    @Test
    void shouldNeverPullAnImageThatNamesNoRegistry() {
        var report = failed(rollout.deploy(deploy(1, 1, "nope/app", HealthCheck.defaults())));
        assertEquals(List.of(), engine.pulls);
        assertTrue(report.reason().startsWith("Image nope/app:latest is not on this machine and names no registry"),
                report.reason());
        assertTrue(report.reason().endsWith("docker push 127.0.0.1:5000/nope/app:latest"), report.reason());
    }

    @Test
    void shouldNeverPullFromARegistryOffThisMachine() {
        var report = failed(rollout.deploy(deploy(1, 1, "ghcr.io/team/app:1", HealthCheck.defaults())));
        assertEquals(List.of(), engine.pulls);
        assertTrue(report.reason().contains("Runway pulls only from the platform registry 127.0.0.1:5000"),
                report.reason());
    }

    @Test
    void shouldReportAnEngineThatDoesNotAnswer() {
        engine.down = true;
        var report = failed(rollout.deploy(deploy(1, 1)));
        assertEquals("The Docker engine at fake://docker did not answer (version): Connection refused",
                report.reason());
    }

    @Test
    void shouldDeployNothingForZeroInstances() {
        // given one instance of revision 1 runs
        engine.seed("runway-test-hello-r1-aaaaaaaa", labelsOf(1, "aaaaaaaa", 20050), "running");
        // when revision 1 is deployed with 0 instances
        var report = deployed(rollout.deploy(deploy(1, 0)));
        // then it is stopped and no endpoint is reported
        assertEquals(List.of(), report.endpoints());
        assertEquals(List.of(), engine.all());
    }

    @Test
    void shouldInjectTheResolvedValuesNeverTheReferences() {
        // given TOKEN refers to /hello/token
        // when revision 1 is deployed
        deployed(rollout.deploy(deploy(1, 1)));
        // then the registry was asked once, for the revision's references, and the container got the value
        assertEquals(List.of(Map.of("TOKEN", FakeSecrets.TOKEN_REFERENCE)), secrets.calls);
        var env = engine.created.get(0).env();
        assertEquals(FakeSecrets.TOKEN_VALUE, env.get("TOKEN"));
        assertFalse(env.containsValue(FakeSecrets.TOKEN_REFERENCE), env.keySet().toString());
    }

    @Test
    void shouldNotAskTheRegistryWithoutReferences() {
        var source = new ImageSource(LOCAL_IMAGE, "ECR", "8080", null, Map.of("STAGE", "test"), Map.of());
        deployed(rollout.deploy(new DeployRevision(ARN, "Hello", OPERATION, 1, source, InstanceSize.defaults(),
                HealthCheck.defaults(), 1)));
        assertEquals(List.of(), secrets.calls);
    }

    @Test
    void shouldFailTheDeploymentWhenAReferenceDoesNotResolveAndKeepThePreviousRevision() {
        // given revision 1 serves, and revision 2 refers to a parameter that does not exist
        engine.seed("runway-test-hello-r1-aaaaaaaa", labelsOf(1, "aaaaaaaa", 20050), "running");
        var image = new ImageSource(LOCAL_IMAGE, "ECR", "8080", null, Map.of(),
                Map.of("DB_PASSWORD", "/no/such/parameter", "TOKEN", FakeSecrets.TOKEN_REFERENCE));
        var command = new DeployRevision(ARN, "Hello", OPERATION, 2, image, InstanceSize.defaults(),
                HealthCheck.defaults(), 1);
        // when revision 2 is deployed
        var report = failed(rollout.deploy(command));
        // then the reason names the variable and the reference, and no value
        assertEquals("Secret reference of variable DB_PASSWORD (/no/such/parameter) does not resolve: "
                + "parameter /no/such/parameter not found", report.reason());
        assertEquals(OPERATION, report.operationId());
        assertEquals(2, report.revision());
        // and nothing of revision 2 was started, revision 1 still runs
        assertEquals(List.of(), engine.created);
        assertEquals(List.of("runway-test-hello-r1-aaaaaaaa"), engine.all().stream().map(b -> b.name).toList());
        assertEquals("running", engine.all().get(0).state);
    }

    @Test
    void shouldRetryARegistryThatDoesNotAnswerBriefly() {
        // given the registry does not answer the first two attempts
        secrets.unavailableFor = 2;
        // when revision 1 is deployed, then it is deployed after two pauses of a second
        deployed(rollout.deploy(deploy(1, 1)));
        assertEquals(3, secrets.calls.size());
        assertEquals(Duration.ofSeconds(2), ticker.elapsed());
    }

    @Test
    void shouldFailTheDeploymentWhenTheRegistryStaysAway() {
        secrets.unavailableFor = 100;
        var report = failed(rollout.deploy(deploy(1, 1)));
        assertEquals(RevisionRollout.RESOLVE_ATTEMPTS, secrets.calls.size());
        assertEquals("The secret references of variables TOKEN could not be resolved: the service-registry at "
                + "http://127.0.0.1:9001 did not answer (ConnectException). Deploy again once the service-registry "
                + "answers.", report.reason());
        assertEquals(List.of(), engine.created);
    }

    @Test
    void shouldMaskTheResolvedValuesNotTheReferencesInTheLogTail() {
        // given the app prints its reference and its value, then exits
        engine.onStart = box -> box.exit(1, false,
                "TOKEN refers to " + FakeSecrets.TOKEN_REFERENCE + " and is " + FakeSecrets.TOKEN_VALUE);
        // when deployed
        var report = failed(rollout.deploy(deploy(1, 1)));
        // then the value is masked, the reference is shown
        assertTrue(report.reason().contains("TOKEN refers to /hello/token and is ****"), report.reason());
        assertFalse(report.reason().contains(FakeSecrets.TOKEN_VALUE), report.reason());
    }

    @Test
    void shouldLeaveTheServingInstancesAloneWhenARepairCannotResolve() {
        // given one of two instances of the serving revision is gone, and its secret was deleted since
        engine.seed("runway-test-hello-r1-aaaaaaaa", labelsOf(1, "aaaaaaaa", 20050), "running");
        secrets.store.clear();
        var d = deploy(1, 2);
        var repair = new DeployRevision(ARN, "Hello", null, 1, d.image(), d.instance(), d.healthCheck(), 2);
        // when the reconciler repairs it (a deployment without operation)
        var report = failed(rollout.deploy(repair));
        // then it says why, and the instance that serves still runs
        assertTrue(report.reason().startsWith("Secret reference of variable TOKEN (/hello/token) does not resolve"),
                report.reason());
        assertEquals(1, engine.all().size());
        assertEquals("running", engine.all().get(0).state);
        assertEquals(List.of(), engine.created);
    }
}
