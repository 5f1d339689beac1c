package dev.runway.deployworker.reconcile;

import dev.runway.deployworker.config.WorkerConfig;
import dev.runway.deployworker.engine.ContainerEngine;
import dev.runway.deployworker.engine.EngineException;
import dev.runway.deployworker.health.WorkerStatus;
import dev.runway.deployworker.reconcile.RepairPlan.RemoveOrphan;
import dev.runway.deployworker.reconcile.RepairPlan.Restore;
import dev.runway.deployworker.rollout.CommandHandler;
import dev.runway.deployworker.rollout.Labels;
import dev.runway.events.Envelope;
import dev.runway.events.Topics;
import dev.runway.events.deploy.DeployRevision;
import dev.runway.events.deploy.StopService;
import dev.runway.events.query.ServiceRecord;
import dev.runway.events.report.InstancesRestored;
import dev.runway.events.report.Report;
import dev.runway.events.report.RevisionDeployed;
import dev.runway.events.wire.EnvelopeCodec;
import dev.runway.events.wire.KafkaSettings;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Self-healing: on start and on a timer, compares what the registry says should run with the
 * containers the engine has. Instances of a RUNNING service's active revision that are missing
 * or dead (killed, crashed, removed while the platform was down) are replaced and reported as
 * {@link InstancesRestored}; containers of services the registry no longer knows are removed.
 * Healthy containers are never touched. Safe to run twice: it re-derives everything each time.
 */
@Singleton
public class InstanceReconciler {

    static final String SOURCE = "deploy-worker";

    private final WorkerConfig config;
    private final DesiredState desired;
    private final ContainerEngine engine;
    private final CommandHandler handler;
    private final WorkerStatus status;
    private volatile boolean running;
    private Thread thread;
    private KafkaProducer<String, byte[]> producer;

    InstanceReconciler(WorkerConfig config, DesiredState desired, ContainerEngine engine, CommandHandler handler,
            WorkerStatus status) {
        this.config = config;
        this.desired = desired;
        this.engine = engine;
        this.handler = handler;
        this.status = status;
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
                Thread.sleep(interval);
                if (status.ready()) {
                    reconcileOnce();
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

    void reconcileOnce() throws IOException {
        var containers = engine.containersWithLabel(Labels.PLATFORM).stream()
                .filter(c -> config.platformId().equals(c.label(Labels.PLATFORM))).toList();
        for (RepairPlan.Action action : RepairPlan.decide(desired.routes(), containers)) {
            if (action instanceof Restore restore) {
                restore(restore);
            } else if (action instanceof RemoveOrphan orphan) {
                Log.infof("%s: want 0 containers (the registry has no such service), got %d → removing",
                        orphan.serviceArn(), orphan.containers());
                handler.handle(new StopService(orphan.serviceArn(), null));
            }
        }
    }

    private void restore(Restore restore) throws IOException {
        ServiceRecord service = desired.service(restore.serviceArn()).orElse(null);
        if (service == null || service.activeRevision() == null || !"RUNNING".equals(service.status())) {
            return; // it moved on since the routes were read
        }
        Log.infof("%s r%d: want %d running instance(s), %s missing → restoring", service.serviceName(),
                service.activeRevision(), restore.instances(), restore.missing());
        var config = service.configuration();
        Report report = handler.handle(new DeployRevision(service.serviceArn(), service.serviceName(), null,
                service.activeRevision(), config.image(), config.instance(), config.healthCheck(), restore.instances()));
        if (report instanceof RevisionDeployed deployed) {
            publish(InstancesRestored.of(service.serviceArn(), deployed.revision(), deployed.endpoints()));
        } else {
            Log.warnf("%s: could not restore its instances (%s); trying again on the next round",
                    service.serviceName(), report);
        }
    }

    private void publish(InstancesRestored restored) {
        Envelope envelope = Envelope.first(SOURCE, restored, UUID.randomUUID());
        try {
            producer.send(new ProducerRecord<>(Topics.REPORTS, restored.serviceArn(), EnvelopeCodec.toBytes(envelope)))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            Log.warnf("could not report restored instances of %s: %s", restored.serviceArn(), e.getMessage());
        }
    }
}
