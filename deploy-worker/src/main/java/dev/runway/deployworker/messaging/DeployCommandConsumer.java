package dev.runway.deployworker.messaging;

import dev.runway.deployworker.config.WorkerConfig;
import dev.runway.deployworker.engine.ContainerEngine;
import dev.runway.deployworker.engine.EngineException;
import dev.runway.deployworker.health.WorkerStatus;
import dev.runway.deployworker.rollout.CommandHandler;
import dev.runway.deployworker.rollout.RolloutInterrupted;
import dev.runway.events.Envelope;
import dev.runway.events.Topics;
import dev.runway.events.deploy.DeployCommand;
import dev.runway.events.deploy.DeployRevision;
import dev.runway.events.deploy.StopService;
import dev.runway.events.report.InstancesStopFailed;
import dev.runway.events.report.Report;
import dev.runway.events.report.RevisionDeployFailed;
import dev.runway.events.wire.DeadLetters;
import dev.runway.events.wire.EnvelopeCodec;
import dev.runway.events.wire.Failures;
import dev.runway.events.wire.KafkaSettings;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The work loop: reads {@code runway.deploy.commands} in group {@code deploy-worker}, one command
 * at a time, and answers each with a report on {@code runway.reports}. A command's offset is
 * committed only after Kafka acknowledged its report, so a crash redelivers rather than loses; the
 * handlers are reconcilers, so a redelivery converges on the same containers.
 */
@Singleton
public class DeployCommandConsumer {

    static final String GROUP = "deploy-worker";
    static final String SOURCE = "deploy-worker";
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

    private final WorkerConfig config;
    private final CommandHandler handler;
    private final ContainerEngine engine;
    private final WorkerStatus status;
    private final OwnedPartitions owned;
    private final String clientId = "deploy-worker-" + ProcessHandle.current().pid();
    private final DeadLetters deadLetters;

    private volatile boolean running;
    private volatile boolean handling;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    @Inject
    DeployCommandConsumer(WorkerConfig config, CommandHandler handler, ContainerEngine engine, WorkerStatus status,
            OwnedPartitions owned) {
        this.config = config;
        this.handler = handler;
        this.engine = engine;
        this.status = status;
        this.owned = owned;
        this.deadLetters = new DeadLetters(config.kafka().bootstrapServers(), clientId);
    }

    void onStart(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "deploy-commands");
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        var current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (handling) {
            // a rollout in progress stops waiting; its command is redelivered and adopts what it started
            thread.interrupt();
        }
        try {
            thread.join(Duration.ofSeconds(20).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            try {
                awaitEngine();
                consume();
            } catch (WakeupException | InterruptException | RolloutInterrupted e) {
                if (running) {
                    Log.warnf("command consumer interrupted (%s); starting again", e.getMessage());
                }
            } catch (RuntimeException e) {
                Log.errorf(e, "command consumer failed; starting again in %ds", RETRY_PAUSE.toSeconds());
                pause();
            } finally {
                status.consuming(false);
            }
        }
        Log.info("deploy-worker stopped consuming " + Topics.DEPLOY_COMMANDS);
    }

    private void awaitEngine() {
        long attempts = 0;
        while (running) {
            try {
                status.engineAnswered(engine.version());
                return;
            } catch (EngineException e) {
                if (attempts++ % 15 == 0) {
                    Log.warnf("waiting for the Docker engine: %s", e.getMessage());
                }
                pause();
            }
        }
    }

    private void consume() {
        if (!running) {
            return;
        }
        String bootstrap = config.kafka().bootstrapServers();
        var props = KafkaSettings.workConsumer(bootstrap, GROUP, clientId);
        // one command at a time: a rollout can take ready-timeout plus a pull
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        long busiest = config.deploy().readyTimeout().plus(config.deploy().pullTimeout())
                .plus(config.deploy().stopGrace()).plusMinutes(2).toMillis();
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Math.max(300_000, busiest));
        try (var producer = new KafkaProducer<String, byte[]>(KafkaSettings.producer(bootstrap, clientId));
                var kafka = new KafkaConsumer<String, byte[]>(props)) {
            consumer = kafka;
            kafka.subscribe(List.of(Topics.DEPLOY_COMMANDS), new ReadinessListener());
            try {
                while (running) {
                    var records = new ArrayList<ConsumerRecord<String, byte[]>>();
                    kafka.poll(Duration.ofSeconds(1)).forEach(records::add);
                    for (int i = 0; i < records.size(); i++) {
                        if (!running || !process(records.get(i), producer, kafka)) {
                            rewind(kafka, records.subList(i, records.size()));
                            pause();
                            break;
                        }
                    }
                }
            } catch (RolloutInterrupted | InterruptException e) {
                // clear the flag, so that both clients close cleanly and this worker leaves the group at once
                Thread.interrupted();
                if (running) {
                    throw e;
                }
                Log.info("shutting down in the middle of a command: it is not committed and will be delivered "
                        + "again; the next attempt adopts the containers it started");
            }
        } finally {
            consumer = null;
            owned.cleared();
        }
    }

    /**
     * Handles one record, reports, commits.
     *
     * @return false when the report could not be sent, so the record must be read again
     */
    private boolean process(ConsumerRecord<String, byte[]> record, KafkaProducer<String, byte[]> producer,
            KafkaConsumer<String, byte[]> kafka) {
        Envelope envelope;
        try {
            envelope = EnvelopeCodec.fromBytes(record.value());
        } catch (RuntimeException e) {
            return deadLetters.send(record, GROUP, "not a readable Runway message: " + Failures.rootMessage(e))
                    && commit(kafka, record);
        }
        if (!(envelope.payload() instanceof DeployCommand command)) {
            return deadLetters.send(record, GROUP, envelope.type() + " " + envelope.id() + " is not a deploy command")
                    && commit(kafka, record);
        }
        Log.debugf("handling %s %s for %s", envelope.type(), envelope.id(), command.serviceArn());
        Report report;
        handling = true;
        try {
            report = handler.handle(command);
        } catch (RolloutInterrupted | InterruptException | WakeupException e) {
            throw e;
        } catch (EngineException e) {
            Log.warnf("the Docker engine failed during %s (%s); handling it again", envelope.type(), e.getMessage());
            return false;
        } catch (RuntimeException e) {
            if (Failures.isTransient(e)) {
                return false;
            }
            // a command that fails this way every time must not stop the commands behind it, and
            // its operation must not stay in progress: report the failure, then dead-letter it
            Log.errorf(e, "cannot ever handle %s %s", envelope.type(), envelope.id());
            Report failure = failureOf(command, "Runway could not carry out " + envelope.type() + ": "
                    + Failures.rootMessage(e));
            return (failure == null || send(producer, Envelope.causedBy(envelope, SOURCE, failure), command))
                    && deadLetters.send(record, GROUP, envelope.type() + " " + envelope.id() + ": "
                            + Failures.rootMessage(e))
                    && commit(kafka, record);
        } finally {
            handling = false;
        }
        return send(producer, Envelope.causedBy(envelope, SOURCE, report), command) && commit(kafka, record);
    }

    /** Sends a report; false when Kafka did not take it, so the command must be handled again. */
    private static boolean send(KafkaProducer<String, byte[]> producer, Envelope reply, DeployCommand command) {
        try {
            producer.send(new ProducerRecord<>(Topics.REPORTS, command.serviceArn(), EnvelopeCodec.toBytes(reply)))
                    .get();
        } catch (ExecutionException e) {
            Log.errorf("could not report %s for %s (%s); handling the command again", reply.type(),
                    command.serviceArn(), e.getCause().getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        }
        Log.debugf("reported %s %s for %s", reply.type(), reply.id(), command.serviceArn());
        return true;
    }

    /**
     * The report that ends a command's operation as failed, for a command that can never be
     * carried out; null for commands no operation waits on (retiring and scaling revisions).
     */
    static Report failureOf(DeployCommand command, String reason) {
        if (command instanceof DeployRevision deploy) {
            return new RevisionDeployFailed(deploy.serviceArn(), deploy.operationId(), deploy.revision(), reason);
        }
        if (command instanceof StopService stop) {
            return new InstancesStopFailed(stop.serviceArn(), stop.operationId(), reason);
        }
        return null;
    }

    private static boolean commit(KafkaConsumer<String, byte[]> kafka, ConsumerRecord<String, byte[]> record) {
        try {
            kafka.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1)));
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            // the partition moved to another worker, which reads the command again: handlers are idempotent
            Log.warnf("could not commit %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
        return true;
    }

    /** Puts each partition back at its first unhandled record, so nothing after a failure is skipped. */
    private static void rewind(KafkaConsumer<String, byte[]> kafka, List<ConsumerRecord<String, byte[]>> unhandled) {
        var first = new HashMap<TopicPartition, Long>();
        for (var record : unhandled) {
            first.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
        }
        first.forEach(kafka::seek);
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /**
     * Marks the worker ready once it has joined the group, and says so once; tells the reconciler
     * which services are this instance's (the partitions it holds).
     */
    private final class ReadinessListener implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            var kafka = consumer;
            int count = kafka == null ? 0 : kafka.partitionsFor(Topics.DEPLOY_COMMANDS).size();
            owned.assigned(partitions, count);
            if (!partitions.isEmpty()) {
                Log.infof("deploy-worker now owns partitions %s of %s (of %d)", owned.snapshot(),
                        Topics.DEPLOY_COMMANDS, count);
            }
            if (!status.consuming()) {
                status.consuming(true);
                Log.infof("deploy-worker ready: engine %s at %s, consuming %s as group %s", status.engineVersion(),
                        engine.host(), Topics.DEPLOY_COMMANDS, GROUP);
            }
            Log.debugf("assigned %s", partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            owned.revoked(partitions);
            Log.debugf("revoked %s", partitions);
        }
    }
}
