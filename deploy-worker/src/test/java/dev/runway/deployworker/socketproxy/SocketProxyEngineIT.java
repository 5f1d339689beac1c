package dev.runway.deployworker.socketproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.runway.deployworker.engine.ContainerSpec;
import dev.runway.deployworker.engine.DockerEngine;
import dev.runway.deployworker.image.ImageReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy-worker's DockerEngine through the proxy against the real engine: an instance's
 * whole life (its real create body, start, log, statistics, the exit event, stop, remove) passes;
 * a privileged container does not, and the refusal reads as the engine's error.
 * Needs the engine; builds runway/busybox:local when missing (as DockerDeployIT).
 */
class SocketProxyEngineIT {

    static final String DOCKER_HOST = System.getenv().getOrDefault("RUNWAY_DOCKER_HOST", "unix:///var/run/docker.sock");

    @TempDir
    Path dir;

    SocketProxy proxy;
    DockerEngine engine;
    String platform = "proxy-it-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void start() throws Exception {
        Path socket = dir.resolve("deploy.sock");
        proxy = new SocketProxy(Path.of(DOCKER_HOST.replaceFirst("^unix://", "")),
                Map.of(socket, EnginePolicy.deployWorker()));
        proxy.awaitEngine(Duration.ofSeconds(10));
        proxy.start();
        engine = DockerEngine.connect("unix://" + socket, Duration.ofMinutes(1));
        if (!engine.hasImage(new ImageReference("runway/busybox:local"))) {
            dev.runway.deployworker.rollout.DockerDeployIT.buildBusybox();
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (var container : engine.containers(Map.of("dev.runway.platform", platform))) {
            engine.remove(container.id());
        }
        engine.close();
        proxy.close();
    }

    @Test
    void anInstancesWholeLifeGoesThrough() throws Exception {
        assertFalse(engine.version().isEmpty());
        assertTrue(engine.hasImage(new ImageReference("runway/busybox:local")));
        var spec = new ContainerSpec(platform + "-r1", "runway/busybox:local", Map.of("dev.runway.platform", platform),
                Map.of("GREETING", "hello"), List.of("sh", "-c"), List.of("echo $GREETING; sleep 60"),
                64L << 20, 250_000_000L);
        String id = engine.create(spec);
        var exited = new CountDownLatch(1);
        try (var watch = engine.watchExits("dev.runway.platform", platform, exitedId -> exited.countDown())) {
            engine.start(id);
            assertTrue(engine.inspect(id).orElseThrow().running());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!engine.logTail(id, 5).contains("hello") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(List.of("hello"), engine.logTail(id, 5));
            assertTrue(engine.usage(id).isPresent(), "statistics through the proxy");
            engine.stop(id, Duration.ZERO);
            assertTrue(exited.await(10, TimeUnit.SECONDS), "the exit event streamed through the proxy");
        }
        engine.remove(id);
        assertTrue(engine.inspect(id).isEmpty());
    }

    @Test
    void aPrivilegedContainerIsRefusedInTheEnginesWords() throws Exception {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost("unix://" + dir.resolve("deploy.sock")).withApiVersion("1.41").build();
        try (var docker = DockerClientImpl.getInstance(config,
                new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build())) {
            var spec = new ContainerSpec(platform + "-evil", "runway/busybox:local", Map.of("dev.runway.platform", platform),
                    Map.of(), null, List.of("true"), 64L << 20, 250_000_000L);
            var cmd = DockerEngine.createCommand(docker.createContainerCmd(spec.image()), spec);
            HostConfig hostConfig = cmd.getHostConfig().withPrivileged(true).withBinds(
                    com.github.dockerjava.api.model.Bind.parse("/var/run/docker.sock:/var/run/docker.sock"));
            cmd.withHostConfig(hostConfig);
            var refused = assertThrows(com.github.dockerjava.api.exception.DockerException.class, cmd::exec);
            assertEquals(403, refused.getHttpStatus());
            assertTrue(refused.getMessage().contains("the Docker socket proxy refuses this call of the deploy-worker"),
                    refused.getMessage());
        }
        assertTrue(engine.containers(Map.of("dev.runway.platform", platform)).isEmpty());
    }
}
