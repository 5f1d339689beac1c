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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * The work loop: reads {@code runway.deploy.commands} in group {@code deploy-worker} and answers
 * each command with a report on {@code runway.reports}. Commands run in {@link ServiceLanes}: in
 * order for one service (the record key), side by side for different services, so a rollout that
 * waits minutes for a hostile app's health checks holds up no other service's deploy or wake-up.
 * A command's offset is committed only once it and every command before it on its partition were
 * answered and Kafka acknowledged the report ({@link PartitionProgress}), so a crash redelivers
 * rather than loses; the handlers are reconcilers, so a redelivery converges on the same containers.
 */
@Singleton
public class DeployCommandConsumer {

    static final String GROUP = "deploy-worker";
    static final String SOURCE = "deploy-worker";
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);
    /** Read no further while this many commands wait or run: the rest stays in Kafka. */
    static final int MOST_UNFINISHED = 200;

    private final WorkerConfig config;
    private final CommandHandler handler;
    private final ContainerEngine engine;
    private final WorkerStatus status;
    private final OwnedPartitions owned;
    private final String clientId = "deploy-worker-" + ProcessHandle.current().pid();
    private final DeadLetters deadLetters;
    /** The partitions assigned now, each with its commands in progress; the consumer thread changes it. */
    private final Map<TopicPartition, PartitionProgress> progress = new ConcurrentHashMap<>();

    private volatile boolean running;
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
        // commands in progress stop waiting (their lanes are interrupted); they are not committed, so
        // they are delivered again and the next attempt adopts what they started
        running = false;
        var current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(25).toMillis());
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

    /** The longest one command may run: a rollout's ready timeout plus a pull and a stop. */
    private long busiestMillis() {
        return config.deploy().readyTimeout().plus(config.deploy().pullTimeout())
                .plus(config.deploy().stopGrace()).plusMinutes(2).toMillis();
    }

    private void consume() {
        if (!running) {
            return;
        }
        String bootstrap = config.kafka().bootstrapServers();
        var props = KafkaSettings.workConsumer(bootstrap, GROUP, clientId);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
        // polls go on while commands run; only a revocation waits for the commands in progress
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Math.max(300_000, busiestMillis()));
        try (var producer = new KafkaProducer<String, byte[]>(KafkaSettings.producer(bootstrap, clientId));
                var kafka = new KafkaConsumer<String, byte[]>(props)) {
            consumer = kafka;
            var lanes = new ServiceLanes(config.deploy().parallelCommands(), "deploy-command");
            try {
                kafka.subscribe(List.of(Topics.DEPLOY_COMMANDS), new ReadinessListener());
                while (running) {
                    for (var record : kafka.poll(Duration.ofSeconds(1))) {
                        var partition = new TopicPartition(record.topic(), record.partition());
                        var commands = progress.computeIfAbsent(partition, p -> new PartitionProgress());
                        commands.read(record.offset());
                        lanes.submit(laneOf(record), () -> work(record, commands, producer));
                    }
                    commitFinished(kafka);
                    holdBack(kafka, lanes.unfinished());
                }
            } catch (RolloutInterrupted | InterruptException e) {
                // clear the flag, so that both clients close cleanly and this worker leaves the group at once
                Thread.interrupted();
                if (running) {
                    throw e;
                }
            } finally {
                lanes.close(Duration.ofSeconds(15));
                if (!running) {
                    Log.info("shutting down: commands in progress are not committed and will be delivered "
                            + "again; the next attempt adopts the containers they started");
                }
                Thread.interrupted();
                commitFinished(kafka);
            }
        } finally {
            consumer = null;
            progress.clear();
            owned.cleared();
        }
    }

    /** A service's commands share a lane; a record without a key (never sent so) gets one of its own. */
    private static String laneOf(ConsumerRecord<String, byte[]> record) {
        return record.key() != null ? record.key() : record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    /**
     * Handles one record in its lane until it is answered, trying again after a pause while the
     * engine or Kafka fails; stops trying when the worker stops or the partition was revoked (the
     * record is then not committed: whoever owns the partition reads it again).
     */
    private void work(ConsumerRecord<String, byte[]> record, PartitionProgress commands,
            KafkaProducer<String, byte[]> producer) {
        if (!commands.begin(record.offset())) {
            return;
        }
        boolean handled = false;
        try {
            while (running && commands.open()) {
                if (tryOnce(record, producer)) {
                    handled = true;
                    return;
                }
                Thread.sleep(RETRY_PAUSE.toMillis());
            }
        } catch (RolloutInterrupted | InterruptException | WakeupException e) {
            Log.debugf("%s-%d@%d interrupted: it will be delivered again", record.topic(), record.partition(),
                    record.offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            commands.end(record.offset(), handled);
        }
    }

    /**
     * {@link #process}, with anything unforeseen (Kafka refusing a send at once, say) tried again
     * after the pause, as the old loop did by starting over: left alone, the record would never be
     * answered and its partition never committed past it.
     */
    private boolean tryOnce(ConsumerRecord<String, byte[]> record, KafkaProducer<String, byte[]> producer) {
        try {
            return process(record, producer);
        } catch (RolloutInterrupted | InterruptException | WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            Log.errorf(e, "%s-%d@%d failed; trying again in %ds", record.topic(), record.partition(), record.offset(),
                    RETRY_PAUSE.toSeconds());
            return false;
        }
    }

    /**
     * Handles one record and reports.
     *
     * @return false when it must be handled again: the engine failed, or the report could not be sent
     */
    private boolean process(ConsumerRecord<String, byte[]> record, KafkaProducer<String, byte[]> producer) {
        Envelope envelope;
        try {
            envelope = EnvelopeCodec.fromBytes(record.value());
        } catch (RuntimeException e) {
            return deadLetters.send(record, GROUP, "not a readable Runway message: " + Failures.rootMessage(e));
        }
        if (!(envelope.payload() instanceof DeployCommand command)) {
            return deadLetters.send(record, GROUP, envelope.type() + " " + envelope.id() + " is not a deploy command");
        }
        Log.debugf("handling %s %s for %s", envelope.type(), envelope.id(), command.serviceArn());
        Report report;
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
                            + Failures.rootMessage(e));
        }
        return send(producer, Envelope.causedBy(envelope, SOURCE, report), command);
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

    /** Commits, per partition, up to its first unfinished command. */
    private void commitFinished(KafkaConsumer<String, byte[]> kafka) {
        commitFinished(kafka, progress);
    }

    private static void commitFinished(KafkaConsumer<String, byte[]> kafka,
            Map<TopicPartition, PartitionProgress> partitions) {
        var offsets = new HashMap<TopicPartition, OffsetAndMetadata>();
        partitions.forEach((partition, commands) -> commands.toCommit()
                .ifPresent(offset -> offsets.put(partition, new OffsetAndMetadata(offset))));
        if (offsets.isEmpty()) {
            return;
        }
        try {
            kafka.commitSync(offsets);
            offsets.forEach((partition, offset) -> partitions.get(partition).committed(offset.offset()));
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            // the partition moved to another worker, which reads the commands again: handlers are idempotent
            Log.warnf("could not commit %s: %s", offsets, e.getMessage());
        }
    }

    /** Stops reading while too many commands wait; reads on once half of them are done. */
    private static void holdBack(KafkaConsumer<String, byte[]> kafka, int unfinished) {
        if (unfinished >= MOST_UNFINISHED) {
            kafka.pause(kafka.assignment());
        } else if (unfinished <= MOST_UNFINISHED / 2 && !kafka.paused().isEmpty()) {
            kafka.resume(kafka.paused());
        }
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
            partitions.forEach(partition -> progress.put(partition, new PartitionProgress()));
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

        /**
         * Lets no more of the partitions' commands start, waits for those that run (the next owner
         * must not start a rollout beside one of ours), commits them, and gives the services up.
         */
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            var leaving = new HashMap<TopicPartition, PartitionProgress>();
            try {
                for (var partition : partitions) {
                    var commands = progress.remove(partition);
                    if (commands != null) {
                        leaving.put(partition, commands);
                        if (!commands.close(running ? busiestMillis() : 1_000)) {
                            Log.warnf("%s: a command still runs; its next owner will read it again", partition);
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            var kafka = consumer;
            if (kafka != null && !Thread.currentThread().isInterrupted()) {
                try {
                    commitFinished(kafka, leaving);
                } catch (WakeupException | InterruptException e) {
                    Log.debugf("not committing the revoked partitions (%s)", e.getMessage());
                }
            }
            owned.revoked(partitions);
            Log.debugf("revoked %s", partitions);
        }
    }
}
