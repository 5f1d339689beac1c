package dev.runway.deployworker.logs;

import dev.runway.deployworker.config.WorkerConfig;
import dev.runway.deployworker.engine.Container;
import dev.runway.deployworker.engine.ContainerEngine;
import dev.runway.deployworker.messaging.OwnedPartitions;
import dev.runway.deployworker.rollout.Labels;
import dev.runway.events.log.LogLine;
import dev.runway.events.metrics.ServiceDimensions;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Application logs: follows stdout and stderr of every running instance of the services this
 * deploy-worker owns ({@link OwnedPartitions}) and publishes each line on {@code runway.logs} as a
 * {@link LogLine} in the service's application group, stream {@code instance/<instance-id>}
 * (SPEC.md §10.1); the service-registry stores them.
 *
 * <p>A line's message id is derived from the container, the engine's timestamp and the text, so a
 * line read twice (after a restart of this worker, or when a service's partition moves to another
 * deploy-worker, which then reads the container's last lines again) is stored once.
 */
@ApplicationScoped
public class ApplicationLogs {

    private final WorkerConfig config;
    private final ContainerEngine engine;
    private final OwnedPartitions owned;
    private final int replayLines;
    private final Map<String, ContainerEngine.Follow> following = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scanner = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "application-logs");
        t.setDaemon(true);
        return t;
    });
    private final LogPublisher publisher;
    private long failedScans;

    ApplicationLogs(WorkerConfig config, ContainerEngine engine, OwnedPartitions owned, LogPublisher publisher,
            @ConfigProperty(name = "runway.logs.replay-lines", defaultValue = "1000") int replayLines) {
        this.config = config;
        this.engine = engine;
        this.owned = owned;
        this.publisher = publisher;
        this.replayLines = replayLines;
    }

    void start(@Observes StartupEvent ignored) {
        // a new instance is followed within a second of its start; its first lines are read back
        // from the engine (replay-lines), so nothing it wrote before is missed
        scanner.scheduleWithFixedDelay(this::scan, 1, 1, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent ignored) {
        scanner.shutdownNow();
        following.values().forEach(ContainerEngine.Follow::close);
    }

    /** Starts following new instances, stops following those gone or no longer owned. */
    void scan() {
        try {
            Set<String> wanted = new HashSet<>();
            for (Container c : engine.containers(Map.of(Labels.PLATFORM, config.platformId()))) {
                String arn = c.label(Labels.SERVICE_ARN);
                String instance = c.label(Labels.INSTANCE);
                var service = ServiceDimensions.ofService(arn).orElse(null);
                if (!c.running() || instance == null || service == null || !owned.owns(arn)) {
                    continue;
                }
                wanted.add(c.id());
                ContainerEngine.Follow follow = following.get(c.id());
                if (follow == null || !follow.active()) {
                    following.put(c.id(), engine.followLog(c.id(), replayLines,
                            (stamp, at, stderr, line) -> publish(c.id(), arn, service, instance, stamp, at, line)));
                }
            }
            following.entrySet().removeIf(e -> {
                if (!wanted.contains(e.getKey())) {
                    e.getValue().close();
                    return true;
                }
                return false;
            });
            failedScans = 0;
        } catch (RuntimeException e) { // EngineException too: the engine is away
            if (failedScans++ % 60 == 0) {
                Log.warnf("application logs: could not list containers (trying again every second): %s", e.getMessage());
            }
        }
    }

    private void publish(String containerId, String arn, ServiceDimensions service, String instance, String stamp,
            Instant at, String line) {
        LogLine logLine = new LogLine(arn, LogLine.applicationGroup(service.serviceName(), service.serviceId()),
                LogLine.instanceStream(instance), at, line);
        publisher.send(logLine,
                UUID.nameUUIDFromBytes((containerId + "|" + stamp + "|" + line).getBytes(StandardCharsets.UTF_8)));
    }
}
