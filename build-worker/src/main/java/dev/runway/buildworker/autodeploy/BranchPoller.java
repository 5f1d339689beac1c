package dev.runway.buildworker.autodeploy;

import dev.runway.buildworker.config.BuildConfig;
import dev.runway.buildworker.source.GitSource;
import dev.runway.events.Envelope;
import dev.runway.events.Topics;
import dev.runway.events.command.StartDeployment;
import dev.runway.events.model.CodeSource;
import dev.runway.events.query.Page;
import dev.runway.events.query.RegistryQueries;
import dev.runway.events.query.ServiceRecord;
import dev.runway.events.wire.EnvelopeCodec;
import dev.runway.events.wire.KafkaSettings;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Auto-deploy for plain git URLs (no push webhook can reach them): every interval, the head of each
 * watched branch is read (git ls-remote); a head that moved since the service last deployed starts a
 * deployment, as App Runner does on a push. A service is watched when it is a code service with
 * AutoDeploymentsEnabled and RUNNING; pushes to other branches are never seen.
 */
@ApplicationScoped
public class BranchPoller {

    private final BuildConfig config;
    private final RegistryQueries registry;
    /** Service ARN → the head last deployed or asked for. Seeded with the head found on first sight. */
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;
    private KafkaProducer<String, byte[]> producer;

    private final dev.runway.buildworker.source.RepositoryUrls urls;

    public BranchPoller(BuildConfig config, dev.runway.buildworker.source.RepositoryUrls urls) {
        this.config = config;
        this.urls = urls;
        this.registry = new RegistryQueries(config.serviceRegistry().url(), Duration.ofSeconds(5));
    }

    void start(@Observes StartupEvent ignored) {
        long every = config.autoDeploy().pollInterval().toMillis();
        if (every <= 0) {
            Log.info("branch polling is off (RUNWAY_GIT_POLL_INTERVAL=0)");
            return;
        }
        producer = new KafkaProducer<>(KafkaSettings.producer(config.kafka().bootstrapServers(), "build-worker-poller"));
        timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "branch-poller"));
        timer.scheduleWithFixedDelay(this::pollQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** A build of {@code commit} for the service started (by anyone): that head is deployed or being deployed. */
    public void built(String serviceArn, String commit) {
        seen.put(serviceArn, commit);
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (Exception e) {
            Log.debugf("branch poll skipped: %s", e.getMessage());
        }
    }

    void poll() throws Exception {
        int offset = 0;
        while (true) {
            Page<ServiceRecord> page = registry.services(offset, 100);
            for (ServiceRecord s : page.items()) {
                check(s);
            }
            if (page.nextOffset() == null) {
                return;
            }
            offset = page.nextOffset();
        }
    }

    private void check(ServiceRecord s) {
        var c = s.configuration();
        if (c == null || !c.builtFromCode() || !c.autoDeploymentsEnabled() || !"RUNNING".equals(s.status())) {
            return;
        }
        CodeSource code = c.code();
        if (code.connectionArn() != null) {
            return; // a connection's Git host calls the push webhook
        }
        String head;
        try {
            urls.check(code.repositoryUrl());
            head = GitSource.head(code.repositoryUrl(), code.branch(), null);
        } catch (GitSource.SourceException e) {
            Log.debugf("cannot poll %s: %s", s.serviceName(), e.getMessage());
            return;
        }
        String before = seen.putIfAbsent(s.serviceArn(), head);
        if (before == null || before.equals(head)) {
            return;
        }
        seen.put(s.serviceArn(), head);
        UUID operationId = UUID.randomUUID();
        Envelope command = Envelope.first("build-worker", new StartDeployment(s.serviceArn(), operationId), operationId);
        producer.send(new ProducerRecord<>(Topics.COMMANDS, s.serviceArn(), EnvelopeCodec.toBytes(command)));
        Log.infof("branch %s of %s moved to %s: deployment %s started", code.branch(), s.serviceName(), head,
                operationId);
    }
}
