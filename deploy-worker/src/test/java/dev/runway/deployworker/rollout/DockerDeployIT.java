package dev.runway.deployworker.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.runway.deployworker.engine.DockerEngine;
import dev.runway.deployworker.image.ImageReference;
import dev.runway.events.deploy.DeployRevision;
import dev.runway.events.deploy.StopService;
import dev.runway.events.model.HealthCheck;
import dev.runway.events.model.ImageSource;
import dev.runway.events.model.InstanceSize;
import dev.runway.events.report.InstancesStopped;
import dev.runway.events.report.RevisionDeployFailed;
import dev.runway.events.report.RevisionDeployed;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rollout and the stop against the real Docker engine, with {@code runway/busybox:local}.
 * Every container carries a platform id unique to this run, so nothing else on the engine is touched.
 */
public class DockerDeployIT {

    static final String IMAGE = "runway/busybox:local";
    static final String HTTPD = "busybox httpd -f -p 127.0.0.1:$PORT -h /tmp";
    static final String DOCKER_HOST = env("RUNWAY_DOCKER_HOST", "unix:///var/run/docker.sock");
    static final String REGISTRY = env("RUNWAY_IMAGE_REGISTRY", "127.0.0.1:5000");
    static final PortRange PORTS = PortRange.parse(env("RUNWAY_INSTANCE_PORTS", "30000-39999"));

    static DockerEngine engine;
    static DockerClient docker;

    String platformId;
    String serviceArn;
    RevisionRollout rollout;
    ServiceStop stop;

    @BeforeAll
    static void connect() throws Exception {
        engine = DockerEngine.connect(DOCKER_HOST, Duration.ofMinutes(1),
                dev.runway.deployworker.engine.PortForwarders.in(Path.of(System.getProperty("java.io.tmpdir"), "runway-forwarders")),
                registryLogin("deploy-worker"));
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(DOCKER_HOST)
                .withApiVersion("1.41").build();
        docker = DockerClientImpl.getInstance(config,
                new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build());
        if (!engine.hasImage(new ImageReference(IMAGE))) {
            buildBusybox();
        }
    }

    @AfterAll
    static void disconnect() throws IOException {
        engine.close();
        docker.close();
    }

    @BeforeEach
    void setUp() {
        platformId = "it-" + UUID.randomUUID().toString().substring(0, 8);
        serviceArn = "arn:aws:apprunner:us-east-1:000000000000:service/Hello/" + UUID.randomUUID().toString()
                .replace("-", "");
        var settings = new DeploySettings(platformId, REGISTRY, Duration.ofSeconds(20), Duration.ofMillis(250),
                Duration.ofSeconds(10), Duration.ofMillis(50));
        var random = new SecureRandom();
        rollout = new RevisionRollout(engine, new NetworkProbe(), PortAllocator.onLoopback(PORTS, random),
                Ticker.system(), settings, random, new FakeSecrets());
        stop = new ServiceStop(engine, settings);
    }

    @AfterEach
    void removeEverythingOfThisRun() {
        for (var container : engine.containers(Map.of(Labels.PLATFORM, platformId))) {
            engine.remove(container.id());
        }
    }

    DeployRevision revision(int revision, String image, String startCommand, HealthCheck check, int instances) {
        var source = new ImageSource(image, "ECR", "8080", startCommand, Map.of("GREETING", "hello"),
                Map.of("API_TOKEN", FakeSecrets.TOKEN_REFERENCE));
        return new DeployRevision(serviceArn, "Hello", UUID.randomUUID(), revision, source,
                new InstanceSize(256, 128, null), check, instances);
    }

    @Test
    void shouldDeployInstancesThatAnswerOnTheirPorts() throws IOException {
        // given the busybox image, when revision 1 is deployed with two httpd instances
        var report = assertInstanceOf(RevisionDeployed.class,
                rollout.deploy(revision(1, IMAGE, HTTPD, HealthCheck.defaults(), 2)));
        // then both endpoints accept TCP connections
        assertEquals(2, report.endpoints().size());
        for (var endpoint : report.endpoints()) {
            assertTrue(PORTS.contains(endpoint.port()));
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), endpoint.port()), 2000);
            }
        }
        // and the containers run on the host network with the revision's limits and labels
        var containers = engine.containers(Labels.ofRevision(platformId, serviceArn, 1));
        assertEquals(2, containers.size());
        for (var container : containers) {
            var inspected = docker.inspectContainerCmd(container.id()).exec();
            assertEquals("host", inspected.getHostConfig().getNetworkMode());
            assertEquals(128L * 1024 * 1024, inspected.getHostConfig().getMemory());
            assertEquals(250_000_000L, inspected.getHostConfig().getNanoCPUs());
            assertTrue(List.of(inspected.getConfig().getEnv()).contains("PORT=" + container.label(Labels.PORT)));
            assertEquals("runway-" + platformId + "-hello-r1-" + container.label(Labels.INSTANCE), container.name());
        }
    }

    @Test
    void shouldAnswerRequestsWhileManyLogsAreFollowed() throws Exception {
        // given an instance whose log is followed 64 times (one follow per running instance is the
        // deploy-worker's way; 31 of them once took every connection of the request pool)
        var report = assertInstanceOf(RevisionDeployed.class,
                rollout.deploy(revision(1, IMAGE, HTTPD, HealthCheck.defaults(), 1)));
        String container = engine.containers(Labels.ofRevision(platformId, serviceArn, 1)).get(0).id();
        var follows = new java.util.ArrayList<dev.runway.deployworker.engine.ContainerEngine.Follow>();
        try {
            for (int i = 0; i < 64; i++) {
                follows.add(engine.followLog(container, 0, (stamp, at, stderr, line) -> { }));
            }
            // when the engine is asked something meanwhile, then it answers at once
            long began = System.nanoTime();
            assertEquals(1, engine.containers(Labels.ofRevision(platformId, serviceArn, 1)).size());
            engine.version();
            assertTrue(System.nanoTime() - began < Duration.ofSeconds(10).toNanos(), "requests waited for a connection");
            assertTrue(follows.stream().allMatch(dev.runway.deployworker.engine.ContainerEngine.Follow::active));
        } finally {
            follows.forEach(dev.runway.deployworker.engine.ContainerEngine.Follow::close);
        }
        assertEquals(1, report.endpoints().size());
    }

    @Test
    void shouldAdoptTheRunningInstancesWhenTheCommandIsRedelivered() {
        // given revision 1 is deployed
        var first = assertInstanceOf(RevisionDeployed.class,
                rollout.deploy(revision(1, IMAGE, HTTPD, HealthCheck.defaults(), 1)));
        // when the same revision is deployed again
        var second = assertInstanceOf(RevisionDeployed.class,
                rollout.deploy(revision(1, IMAGE, HTTPD, HealthCheck.defaults(), 1)));
        // then the same instance is reported and no second container exists
        assertEquals(new HashSet<>(first.endpoints()), new HashSet<>(second.endpoints()));
        assertEquals(1, engine.containers(Labels.ofRevision(platformId, serviceArn, 1)).size());
    }

    @Test
    void shouldPassAnHttpHealthCheck() {
        // given an app that serves an index page, checked over HTTP with two passes in a row
        var check = new HealthCheck("HTTP", "/", 1, 2, 2, 3);
        var start = "echo ok > /tmp/index.html && " + HTTPD;
        // when deployed, then it is reported deployed
        assertInstanceOf(RevisionDeployed.class, rollout.deploy(revision(1, IMAGE, start, check, 1)));
    }

    @Test
    void shouldFailWithTheReasonWhenTheImageDoesNotExist() {
        // given an image the platform registry does not have
        String image = REGISTRY + "/runway-it-missing-" + platformId + ":latest";
        // when deployed
        var report = assertInstanceOf(RevisionDeployFailed.class,
                rollout.deploy(revision(1, image, HTTPD, HealthCheck.defaults(), 1)));
        // then the reason names the image and the registry, and nothing was started
        assertTrue(report.reason().startsWith("Image " + image + " "), report.reason());
        assertTrue(report.reason().contains("the platform registry " + REGISTRY), report.reason());
        assertEquals(List.of(), engine.containers(Map.of(Labels.PLATFORM, platformId)));
    }

    @Test
    void shouldFailNamingTheExitCodeWhenTheAppExits() {
        // given a start command that exits with 3
        var report = assertInstanceOf(RevisionDeployFailed.class,
                rollout.deploy(revision(1, IMAGE, "echo giving up; exit 3", HealthCheck.defaults(), 1)));
        // then the reason names the exit code and shows the log, and the container is gone
        assertTrue(report.reason().contains("exited with code 3 before it became healthy (not OOM-killed)"),
                report.reason());
        assertTrue(report.reason().contains("giving up"), report.reason());
        assertEquals(List.of(), engine.containers(Map.of(Labels.PLATFORM, platformId)));
    }

    @Test
    void shouldStopEveryContainerOfTheService() {
        // given two revisions of the service run
        assertInstanceOf(RevisionDeployed.class, rollout.deploy(revision(1, IMAGE, HTTPD, HealthCheck.defaults(), 1)));
        assertInstanceOf(RevisionDeployed.class, rollout.deploy(revision(2, IMAGE, HTTPD, HealthCheck.defaults(), 2)));
        assertEquals(3, engine.containers(Labels.ofService(platformId, serviceArn)).size());
        // when the service is stopped
        var operation = UUID.randomUUID();
        var report = stop.stop(new StopService(serviceArn, operation));
        // then it is reported stopped and no container with its labels is left
        assertEquals(new InstancesStopped(serviceArn, operation), report);
        assertEquals(List.of(), engine.containers(Labels.ofService(platformId, serviceArn)));
        // and stopping again is fine
        assertEquals(new InstancesStopped(serviceArn, operation), stop.stop(new StopService(serviceArn, operation)));
    }

    @Test
    void shouldPullANewPushFromThePlatformRegistry() throws Exception {
        // pushes a test image, so only into a registry the run names (./runway test sets it), never a default one
        assumeTrue(System.getenv("RUNWAY_IMAGE_REGISTRY") != null, "RUNWAY_IMAGE_REGISTRY is not set");
        assumeTrue(listens(REGISTRY), "no platform registry at " + REGISTRY);
        // given the busybox image was pushed to the platform registry and is not on this machine under that name
        String repository = REGISTRY + "/runway-it-" + platformId;
        docker.tagImageCmd(IMAGE, repository, "1").exec();
        var push = docker.pushImageCmd(repository).withTag("1");
        if (registryLogin("build-worker") != null) {
            // the platform registry takes pushes only with a login: the build-worker's (push and pull)
            push.withAuthConfig(registryLogin("build-worker").forRepository(repository).orElseThrow());
        }
        push.exec(new ResultCallback.Adapter<>()).awaitCompletion();
        docker.removeImageCmd(repository + ":1").exec();
        try {
            // when it is deployed under its ECR-style name
            var report = rollout.deploy(revision(1, "123456789012.dkr.ecr.us-east-1.amazonaws.com/runway-it-"
                    + platformId + ":1", HTTPD, HealthCheck.defaults(), 1));
            // then it was pulled and runs
            assertInstanceOf(RevisionDeployed.class, report, report::toString);
            assertTrue(engine.hasImage(new ImageReference(repository + ":1")));
        } finally {
            removeEverythingOfThisRun();
            try {
                docker.removeImageCmd(repository + ":1").withForce(true).exec();
            } catch (NotFoundException e) {
                // never pulled
            }
            deleteFromRegistry("runway-it-" + platformId, "1");
        }
    }

    /**
     * A worker's login at the test platform's registry, from the state directory where `./runway
     * test` made it; null without one (then the engine pulls without a login).
     */
    static dev.runway.deployworker.engine.RegistryLogin registryLogin(String worker) {
        String home = System.getenv("RUNWAY_HOME");
        if (home == null) {
            return null;
        }
        Path file = Path.of(home, "registry-credentials", worker);
        return Files.isReadable(file) ? new dev.runway.deployworker.engine.RegistryLogin(REGISTRY, worker, file) : null;
    }

    /** Best effort: leaves the platform registry as the test found it (needs delete.enabled). */
    private static void deleteFromRegistry(String name, String tag) {
        var http = HttpClient.newHttpClient();
        String manifest = "http://" + REGISTRY + "/v2/" + name + "/manifests/";
        try {
            var head = http.send(HttpRequest.newBuilder(URI.create(manifest + tag))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .header("Accept", "application/vnd.docker.distribution.manifest.v2+json").build(),
                    HttpResponse.BodyHandlers.discarding());
            var digest = head.headers().firstValue("Docker-Content-Digest");
            if (digest.isPresent()) {
                http.send(HttpRequest.newBuilder(URI.create(manifest + digest.get())).DELETE().build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        } catch (IOException | InterruptedException e) {
            // the registry keeps a 2 MB test image; nothing depends on it
        }
    }

    /** The recipe of deploy/images/busybox/build.sh, for a machine where nobody built the image yet. */
    public static void buildBusybox() throws Exception {
        Path script = Path.of("..", "deploy", "images", "busybox", "build.sh");
        String recipe = Files.isExecutable(script) ? script.toString() + " " + IMAGE : """
                set -e
                d=$(mktemp -d)
                mkdir -p $d/bin $d/tmp $d/etc $d/www
                cp /bin/busybox $d/bin/
                chroot $d /bin/busybox --install -s /bin
                echo 'root:x:0:0::/:/bin/sh' > $d/etc/passwd
                echo 'nobody:x:65534:65534::/:/bin/sh' >> $d/etc/passwd
                printf 'root:x:0:\\nnogroup:x:65534:\\n' > $d/etc/group
                chmod 1777 $d/tmp
                tar -C $d -c . | docker import -c 'CMD ["/bin/sh"]' - %s
                rm -rf $d
                """.formatted(IMAGE);
        var process = new ProcessBuilder("bash", "-c", recipe).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("could not build " + IMAGE + " (needs Debian's busybox-static)");
        }
    }

    private static boolean listens(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostAndPort.substring(0, colon),
                    Integer.parseInt(hostAndPort.substring(colon + 1))), 1000);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }
}
