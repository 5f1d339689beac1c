package dev.runway.deployworker.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.runway.deployworker.engine.DockerEngine;
import dev.runway.deployworker.engine.InstanceNetwork;
import dev.runway.deployworker.engine.PortForwarders;
import dev.runway.deployworker.image.ImageReference;
import dev.runway.events.deploy.DeployRevision;
import dev.runway.events.model.Endpoint;
import dev.runway.events.model.HealthCheck;
import dev.runway.events.model.ImageSource;
import dev.runway.events.model.InstanceSize;
import dev.runway.events.report.RevisionDeployed;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Instances in network namespaces of their own (RUNWAY_INSTANCE_NETWORK=namespace) on the real
 * Docker engine, with {@code runway/busybox:local} and Debian's pasta: unmodified apps on their
 * declared port, side by side, reached only through their host-loopback port, reaching nothing of
 * the host. Every container carries a platform id unique to the test.
 */
class InstanceNetworkIT {

    static final String IMAGE = DockerDeployIT.IMAGE;
    /** An unmodified app: listens on 8080 on every address, ignores PORT, says which container it is. */
    static final String ON_8080 = "mkdir -p /tmp/www && hostname > /tmp/www/index.html && exec busybox httpd -f -p 8080 -h /tmp/www";

    @TempDir
    Path forwarderDir;

    DockerEngine engine;
    DockerClient docker;
    String platformId;
    String serviceArn;
    RevisionRollout rollout;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(PortForwarders.pasta().isPresent(), "pasta is not installed (Debian package passt)");
        engine = DockerEngine.connect(DockerDeployIT.DOCKER_HOST, Duration.ofMinutes(1),
                PortForwarders.in(forwarderDir));
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(DockerDeployIT.DOCKER_HOST).withApiVersion("1.41").build();
        docker = DockerClientImpl.getInstance(config,
                new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build());
        if (!engine.hasImage(new ImageReference(IMAGE))) {
            DockerDeployIT.buildBusybox();
        }
        platformId = "itns-" + UUID.randomUUID().toString().substring(0, 8);
        serviceArn = "arn:aws:apprunner:us-east-1:000000000000:service/Web/" + UUID.randomUUID().toString()
                .replace("-", "");
        var settings = new DeploySettings(platformId, DockerDeployIT.REGISTRY, Duration.ofSeconds(20),
                Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofMillis(50), InstanceNetwork.NAMESPACE);
        var random = new SecureRandom();
        rollout = new RevisionRollout(engine, new NetworkProbe(), PortAllocator.onLoopback(DockerDeployIT.PORTS, random),
                Ticker.system(), settings, random, new FakeSecrets());
    }

    @AfterEach
    void removeEverythingOfThisTest() throws IOException {
        if (engine == null) {
            return;
        }
        for (var container : engine.containers(Map.of(Labels.PLATFORM, platformId))) {
            engine.remove(container.id());
        }
        // and no forwarder outlives its container
        assertEquals(List.of(), livePastas());
        engine.close();
        docker.close();
    }

    DeployRevision revision(int revision, String port, String startCommand, HealthCheck check, int instances,
            Map<String, String> env) {
        var source = new ImageSource(IMAGE, "ECR", port, startCommand, env, Map.of());
        return new DeployRevision(serviceArn, "Web", UUID.randomUUID(), revision, source,
                new InstanceSize(256, 128, null), check, instances);
    }

    @Test
    void shouldReachTwoUnmodifiedAppsOn8080ThroughTheirHostPorts() throws Exception {
        // given an app that listens on 0.0.0.0:8080 whatever PORT says, when two instances are deployed
        var report = assertInstanceOf(RevisionDeployed.class,
                rollout.deploy(revision(1, null, ON_8080, HealthCheck.defaults(), 2)));
        // then each answers on its own host-loopback port, as a container of its own
        assertEquals(2, report.endpoints().size());
        var answers = new ArrayList<String>();
        for (Endpoint endpoint : report.endpoints()) {
            assertEquals("127.0.0.1", endpoint.host());
            answers.add(get(endpoint.port()).strip());
        }
        assertNotEquals(answers.get(0), answers.get(1), "two apps, not one");
        // and they run without the host's network, with PORT saying the port they listen on
        for (var container : engine.containers(Labels.ofRevision(platformId, serviceArn, 1))) {
            var inspected = docker.inspectContainerCmd(container.id()).exec();
            assertEquals("none", inspected.getHostConfig().getNetworkMode());
            assertTrue(List.of(inspected.getConfig().getEnv()).contains("PORT=8080"));
            assertTrue(answers.contains(inspected.getConfig().getHostName()), answers.toString());
        }
    }

    @Test
    void shouldReachAnAppOnTheDeclaredPort() throws Exception {
        // given an app that listens on 80, as the service declares (Port: "80"), checked over HTTP
        var start = "mkdir -p /tmp/www && echo eighty > /tmp/www/index.html && exec busybox httpd -f -p 80 -h /tmp/www";
        var report = assertInstanceOf(RevisionDeployed.class,
                rollout.deploy(revision(1, "80", start, new HealthCheck("HTTP", "/", 1, 2, 1, 3), 1)));
        // then it answers on its host port
        assertEquals("eighty", get(report.endpoints().get(0).port()).strip());
    }

    @Test
    void shouldNotPassATcpCheckBeforeTheAppListens() throws Exception {
        // given an app that starts listening 3 s after it starts, checked over TCP: the forwarder
        // accepts on the host port from the first moment, and must not count as the app
        var start = "sleep 3; " + ON_8080;
        var report = assertInstanceOf(RevisionDeployed.class,
                rollout.deploy(revision(1, null, start, HealthCheck.defaults(), 1)));
        // then once reported healthy it really answers
        assertFalse(get(report.endpoints().get(0).port()).isBlank());
    }

    @Test
    void shouldKeepTheAppAwayFromEveryPortOfTheHost() throws Exception {
        // given a port of the platform's kind open on the host's loopback, and the host's other addresses
        try (var platformPort = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            var accepted = new AtomicInteger();
            var acceptor = new Thread(() -> {
                while (!platformPort.isClosed()) {
                    try (var ignored = platformPort.accept()) {
                        accepted.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            // a first instance, whose host port the second one also tries
            var first = assertInstanceOf(RevisionDeployed.class,
                    rollout.deploy(revision(1, null, ON_8080, HealthCheck.defaults(), 1)));
            int firstPort = first.endpoints().get(0).port();
            var targets = new ArrayList<String>();
            targets.add("127.0.0.1:" + platformPort.getLocalPort());
            targets.add("127.0.0.1:" + firstPort);
            for (String address : hostAddresses()) {
                targets.add(address + ":" + platformPort.getLocalPort());
            }
            // when an app tries to connect to each, and reports how it went on its own page
            var hostile = "mkdir -p /tmp/www; for t in $TARGETS; do if nc -w 2 ${t%:*} ${t#*:} </dev/null >/tmp/nc 2>&1;"
                    + " then echo \"$t CONNECTED\"; else echo \"$t failed: $(tail -n 1 /tmp/nc)\"; fi; done"
                    + " > /tmp/www/index.html; exec busybox httpd -f -p 8080 -h /tmp/www";
            var report = assertInstanceOf(RevisionDeployed.class, rollout.deploy(revision(2, null, hostile,
                    HealthCheck.defaults(), 1, Map.of("TARGETS", String.join(" ", targets)))));
            String page = get(report.endpoints().get(0).port());
            // then every attempt failed, and the host's listener never saw a connection
            assertEquals(targets.size(), page.lines().count(), page);
            assertFalse(page.contains("CONNECTED"), page);
            assertTrue(page.contains("127.0.0.1:" + platformPort.getLocalPort() + " failed"), page);
            assertEquals(0, accepted.get());
            // while the host still reaches the first instance through its forwarder
            assertFalse(get(firstPort).isBlank());
        }
    }

    DeployRevision revision(int revision, String port, String startCommand, HealthCheck check, int instances) {
        return revision(revision, port, startCommand, check, instances, Map.of());
    }

    @Test
    void shouldRestoreADeadForwarderAndStopItWithItsContainer() throws Exception {
        // given a deployed instance
        var report = assertInstanceOf(RevisionDeployed.class,
                rollout.deploy(revision(1, null, ON_8080, HealthCheck.defaults(), 1)));
        int port = report.endpoints().get(0).port();
        var container = engine.containers(Labels.ofRevision(platformId, serviceArn, 1)).get(0);
        assertEquals(1, livePastas().size());
        // when its forwarder dies
        var pasta = livePastas().get(0);
        pasta.destroyForcibly();
        pasta.onExit().get();
        assertTrue(refused(port), "nothing should listen on " + port + " without the forwarder");
        // then a reconnect (the reconciler's round) starts a new one, and the app answers again
        var repaired = engine.reconnect(engine.containers(Map.of(Labels.PLATFORM, platformId)));
        assertEquals(1, repaired.size(), repaired.toString());
        assertTrue(repaired.get(0).contains("restarted"), repaired.toString());
        assertFalse(get(port).isBlank());
        // and a deploy-worker started afresh finds it again rather than starting a second one
        try (var restarted = DockerEngine.connect(DockerDeployIT.DOCKER_HOST, Duration.ofMinutes(1),
                PortForwarders.in(forwarderDir))) {
            assertEquals(List.of(), restarted.reconnect(engine.containers(Map.of(Labels.PLATFORM, platformId))));
            assertEquals(1, livePastas().size());
            // when the container is killed behind the worker's back (no exit watch runs here)
            docker.killContainerCmd(container.id()).exec();
            waitUntilExited(container.id());
            // then the next reconnect stops its forwarder: the port refuses, so the router tries elsewhere
            var released = restarted.reconnect(engine.containers(Map.of(Labels.PLATFORM, platformId)));
            assertEquals(1, released.size(), released.toString());
            assertEquals(List.of(), livePastas());
            assertTrue(refused(port));
            assertEquals(List.of(), List.of(forwarderDir.toFile().list()));
        }
    }

    @Test
    void shouldStopTheForwarderWhenTheContainerIsRemoved() throws Exception {
        var report = assertInstanceOf(RevisionDeployed.class,
                rollout.deploy(revision(1, null, ON_8080, HealthCheck.defaults(), 1)));
        int port = report.endpoints().get(0).port();
        var container = engine.containers(Labels.ofRevision(platformId, serviceArn, 1)).get(0);
        engine.remove(container.id());
        assertEquals(List.of(), livePastas());
        assertTrue(refused(port));
    }

    /** The pasta processes whose pid files are in this test's directory. */
    List<ProcessHandle> livePastas() throws IOException {
        var live = new ArrayList<ProcessHandle>();
        if (!Files.isDirectory(forwarderDir)) {
            return live;
        }
        try (var files = Files.list(forwarderDir)) {
            for (Path file : files.toList()) {
                try {
                    long pid = Long.parseLong(Files.readString(file).strip());
                    // pasta lives in a mount namespace of its own: /proc/PID/exe says little, its command line all
                    String cmdline = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"));
                    if (cmdline.contains("pasta") && cmdline.contains(file.toString())) {
                        ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(live::add);
                    }
                } catch (NumberFormatException | IOException e) {
                    // not a pid file of a live forwarder
                }
            }
        }
        return live;
    }

    String get(int port) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    static boolean refused(int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    void waitUntilExited(String containerId) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (!engine.inspect(containerId).map(s -> s.running()).orElse(false)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("container " + containerId + " still runs");
    }

    /** The host's IPv4 addresses other than loopback: an app must not reach the host through them either. */
    static List<String> hostAddresses() throws IOException {
        var addresses = new ArrayList<String>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    addresses.add(address.getHostAddress());
                }
            }
        }
        return addresses;
    }
}
