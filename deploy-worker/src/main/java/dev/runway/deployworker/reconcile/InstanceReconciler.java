package dev.runway.deployworker.reconcile;

import dev.runway.deployworker.config.WorkerConfig;
import dev.runway.deployworker.engine.ContainerEngine;
import dev.runway.deployworker.engine.EngineException;
import dev.runway.deployworker.health.WorkerStatus;
import dev.runway.deployworker.messaging.OwnedPartitions;
import dev.runway.deployworker.reconcile.RepairPlan.RemoveOrphan;
import dev.runway.deployworker.reconcile.RepairPlan.Restore;
import dev.runway.deployworker.engine.Container;
import dev.runway.deployworker.rollout.CommandHandler;
import dev.runway.deployworker.rollout.ContainerReaper;
import dev.runway.deployworker.rollout.InstanceProbe;
import dev.runway.deployworker.rollout.Labels;
import dev.runway.events.Envelope;
import dev.runway.events.Topics;
import dev.runway.events.deploy.DeployRevision;
import dev.runway.events.deploy.StopService;
import dev.runway.events.model.Endpoint;
import dev.runway.events.model.HealthCheck;
import dev.runway.events.query.RouteSnapshot;
import dev.runway.events.query.ServiceRecord;
import dev.runway.events.report.InstancesRestored;
import dev.runway.events.report.Report;
import dev.runway.events.report.RevisionDeployed;
import dev.runway.events.report.RevisionInstancesLost;
import dev.runway.events.wire.EnvelopeCodec;
import dev.runway.events.wire.KafkaSettings;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Self-healing: on start and on a timer, compares what the registry says should run with the
 * containers the engine has. Instances of a RUNNING service's active revision that are missing,
 * dead (killed, crashed, removed while the platform was down) or unhealthy (they failed the
 * service's health check UnhealthyThreshold rounds in a row) are replaced and reported as
 * {@link InstancesRestored} with the reason; containers of services the registry no longer knows
 * are removed. Healthy containers are never touched. Each round re-derives everything.
 *
 * <p>With several deploy-workers, each reconciles only the services whose partition of
 * {@code runway.deploy.commands} it owns ({@link OwnedPartitions}), the instance that also
 * handles their deploy commands; so two workers never repair, or remove, the same containers.
 */
@Singleton
public class InstanceReconciler {

    static final String SOURCE = "deploy-worker";
    /** After an exit, a moment for other containers of the same crash to exit too: one round for all. */
    static final Duration EXIT_SETTLE = Duration.ofMillis(200);

    private final WorkerConfig config;
    private final DesiredState desired;
    private final ContainerEngine engine;
    private final CommandHandler handler;
    private final WorkerStatus status;
    private final InstanceProbe probe;
    private final ContainerReaper reaper;
    private final OwnedPartitions owned;
    /** Health checks failed in a row, per instance id; only the reconciler thread touches it. */
    private final Map<String, Integer> failures = new HashMap<>();
    /** Released once per container exit the engine reports; the loop waits on it. */
    private final Semaphore exits = new Semaphore(0);
    private ContainerEngine.Follow exitWatch;
    private volatile boolean running;
    private Thread thread;
    private KafkaProducer<String, byte[]> producer;

    InstanceReconciler(WorkerConfig config, DesiredState desired, ContainerEngine engine, CommandHandler handler,
            WorkerStatus status, InstanceProbe probe, OwnedPartitions owned) {
        this.config = config;
        this.desired = desired;
        this.engine = engine;
        this.handler = handler;
        this.status = status;
        this.probe = probe;
        this.reaper = new ContainerReaper(engine);
        this.owned = owned;
    }

    void onStart(@Observes StartupEvent event) {
        producer = new KafkaProducer<>(KafkaSettings.producer(config.kafka().bootstrapServers(), "deploy-worker-reconciler"));
        running = true;
        thread = new Thread(this::loop, "reconciler");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (exitWatch != null) {
            exitWatch.close();
        }
        if (thread != null) {
            thread.interrupt();
            thread.join(5_000);
        }
        if (producer != null) {
            producer.close();
        }
    }

    private void loop() {
        long interval = config.reconcile().interval().toMillis();
        while (running) {
            try {
                // A container exit wakes the round early, so a killed instance is replaced in about a
                // second instead of up to a whole interval; health checks stay on the timer only, so
                // UnhealthyThreshold keeps counting rounds an interval apart.
                boolean woken = exits.tryAcquire(interval, TimeUnit.MILLISECONDS);
                if (woken) {
                    Thread.sleep(EXIT_SETTLE.toMillis());
                    exits.drainPermits();
                }
                watchExits();
                if (status.ready()) {
                    reconcileOnce(!woken);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException e) {
                Log.debugf("reconcile skipped: the registry is not answering (%s)", e.getMessage());
            } catch (EngineException e) {
                Log.warnf("reconcile skipped: the Docker engine %s", e.getMessage());
            } catch (RuntimeException e) {
                if (running) {
                    Log.errorf(e, "reconcile failed; trying again in %d ms", interval);
                }
            }
        }
    }

    /** Keeps a subscription to the engine's container exits open (a new one after the engine restarts). */
    private void watchExits() {
        if (exitWatch != null && exitWatch.active()) {
            return;
        }
        try {
            exitWatch = engine.watchExits(Labels.PLATFORM, config.platformId(), id -> exits.release());
        } catch (EngineException e) {
            Log.debugf("not watching container exits (the timer still reconciles): %s", e.getMessage());
        }
    }

    void reconcileOnce(boolean probeHealth) throws IOException {
        var platform = engine.containersWithLabel(Labels.PLATFORM).stream()
                .filter(c -> config.platformId().equals(c.label(Labels.PLATFORM))).toList();
        // the way in to every running instance of the platform, whichever worker owns it: a forwarder
        // that died is restarted, one whose container is gone is stopped (any worker may; it is idempotent)
        engine.reconnect(platform).forEach(line -> Log.infof("reconnect: %s", line));
        // only the services on this instance's partitions: another deploy-worker owns the rest
        var containers = platform.stream()
                .filter(c -> c.label(Labels.SERVICE_ARN) == null || owned.owns(c.label(Labels.SERVICE_ARN))).toList();
        RouteSnapshot all = desired.routes();
        RouteSnapshot routes = new RouteSnapshot(all.routes().stream().filter(r -> owned.owns(r.serviceArn())).toList());
        Map<String, Optional<ServiceRecord>> services = new HashMap<>();
        Map<String, String> unhealthy = probeHealth ? checkHealth(routes, containers, services) : Map.of();
        for (RepairPlan.Action action : RepairPlan.decide(routes, containers, unhealthy.keySet())) {
            // the partition may have moved since the round began; a revocation waits for this action
            owned.whileOwning(action.serviceArn(), () -> {
                if (action instanceof Restore restore) {
                    restore(restore, containers, unhealthy, services);
                } else if (action instanceof RepairPlan.SplitRevisionLost lost) {
                    List<Container> mine = containers.stream()
                            .filter(c -> lost.serviceArn().equals(c.label(Labels.SERVICE_ARN))).toList();
                    String reason = lost.missing().stream().map(id -> whyReplaced(id, mine, unhealthy))
                            .collect(Collectors.joining("; "));
                    Log.infof("%s r%d (beside the active revision in a traffic split): %s → telling the registry",
                            lost.serviceName(), lost.revision(), reason);
                    publish(new RevisionInstancesLost(lost.serviceArn(), null, lost.revision(), lost.missing(),
                            reason));
                } else if (action instanceof RemoveOrphan orphan) {
                    Log.infof("%s: want 0 containers (the registry has no such service), got %d → removing",
                            orphan.serviceArn(), orphan.containers());
                    handler.handle(new StopService(orphan.serviceArn(), null));
                }
            });
        }
    }

    /**
     * Probes every running instance of every RUNNING service with that service's health check,
     * once per round; returns the instances that failed UnhealthyThreshold rounds in a row, with why.
     */
    private Map<String, String> checkHealth(RouteSnapshot routes, List<Container> containers,
            Map<String, Optional<ServiceRecord>> services) throws IOException {
        Map<String, String> unhealthy = new HashMap<>();
        Set<String> probed = new HashSet<>();
        for (RouteSnapshot.Route route : routes.routes()) {
            if (!"RUNNING".equals(route.status())) {
                continue;
            }
            HealthCheck check = null;
            for (Endpoint endpoint : route.endpoints()) {
                String id = endpoint.instanceId();
                boolean running = containers.stream().anyMatch(c -> c.running()
                        && route.serviceArn().equals(c.label(Labels.SERVICE_ARN)) && id.equals(c.label(Labels.INSTANCE)));
                if (!running) {
                    continue;
                }
                if (check == null) {
                    ServiceRecord service = service(route.serviceArn(), services);
                    check = service == null ? null : service.configuration().healthCheck();
                    if (check == null) {
                        break;
                    }
                }
                probed.add(id);
                InstanceProbe.Result result = probe.attempt(endpoint.port(), check);
                if (result.healthy()) {
                    failures.remove(id);
                    continue;
                }
                int inARow = failures.merge(id, 1, Integer::sum);
                if (inARow >= check.unhealthyThreshold()) {
                    unhealthy.put(id, "instance " + id + " failed " + inARow + " health check(s) in a row ("
                            + check.protocol() + ("HTTP".equals(check.protocol()) ? " " + check.path() : "") + ": "
                            + result.detail() + ")");
                }
            }
        }
        failures.keySet().retainAll(probed);
        return unhealthy;
    }

    private void restore(Restore restore, List<Container> containers, Map<String, String> unhealthy,
            Map<String, Optional<ServiceRecord>> services) throws IOException {
        ServiceRecord service = service(restore.serviceArn(), services);
        if (service == null || service.activeRevision() == null || !"RUNNING".equals(service.status())) {
            return; // it moved on since the routes were read
        }
        List<Container> mine = containers.stream()
                .filter(c -> restore.serviceArn().equals(c.label(Labels.SERVICE_ARN))).toList();
        String reason = restore.missing().stream().map(id -> whyReplaced(id, mine, unhealthy))
                .collect(Collectors.joining("; "));
        Log.infof("%s r%d: want %d healthy instance(s); %s → replacing", service.serviceName(),
                service.activeRevision(), restore.instances(), reason);
        List<Container> sick = mine.stream().filter(c -> unhealthy.containsKey(c.label(Labels.INSTANCE))).toList();
        reaper.stopAndRemove(sick, Duration.ofSeconds(2));
        sick.forEach(c -> failures.remove(c.label(Labels.INSTANCE)));
        var config = service.configuration();
        Report report = handler.handle(new DeployRevision(service.serviceArn(), service.serviceName(), null,
                service.activeRevision(), config.image(), config.instance(), config.healthCheck(), restore.instances()));
        if (report instanceof RevisionDeployed deployed) {
            publish(InstancesRestored.of(service.serviceArn(), deployed.revision(), deployed.endpoints(), reason));
        } else {
            Log.warnf("%s: could not replace its instances (%s); trying again on the next round",
                    service.serviceName(), report);
        }
    }

    /** A service as the registry describes it, read at most once per round. */
    private ServiceRecord service(String arn, Map<String, Optional<ServiceRecord>> round) throws IOException {
        Optional<ServiceRecord> record = round.get(arn);
        if (record == null) {
            record = desired.service(arn);
            round.put(arn, record);
        }
        return record.orElse(null);
    }

    /** Why one instance is being replaced, in words for the service's event log. */
    private String whyReplaced(String instanceId, List<Container> mine, Map<String, String> unhealthy) {
        if (unhealthy.containsKey(instanceId)) {
            return unhealthy.get(instanceId);
        }
        Container container = mine.stream().filter(c -> instanceId.equals(c.label(Labels.INSTANCE))).findFirst()
                .orElse(null);
        if (container == null) {
            return "instance " + instanceId + " was gone";
        }
        return engine.inspect(container.id())
                .map(state -> "instance " + instanceId + " exited with code " + state.exitCode()
                        + (state.oomKilled() ? " (killed for using more memory than its limit)" : ""))
                .orElse("instance " + instanceId + " was gone");
    }

    private void publish(Report report) {
        Envelope envelope = Envelope.first(SOURCE, report, UUID.randomUUID());
        try {
            producer.send(new ProducerRecord<>(Topics.REPORTS, report.serviceArn(), EnvelopeCodec.toBytes(envelope)))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            Log.warnf("could not report %s of %s: %s", report.getClass().getSimpleName(), report.serviceArn(),
                    e.getMessage());
        }
    }
}
