package dev.runway.router.follow;

import dev.runway.events.Envelope;
import dev.runway.events.Topics;
import dev.runway.events.wire.DeadLetters;
import dev.runway.events.wire.EnvelopeCodec;
import dev.runway.events.wire.UnknownMessageTypeException;
import dev.runway.router.route.RouteChange;
import dev.runway.router.route.RouteTable;
import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Keeps a {@link RouteTable} in step with the platform, as a state follower (ARCHITECTURE.md §2):
 * <ol>
 *   <li>assign every partition of {@code runway.events} (no group) and record their end offsets;</li>
 *   <li>read the registry's snapshot, retrying until it answers, and load it;</li>
 *   <li>seek to the recorded offsets and apply every event from there, forever.</li>
 * </ol>
 * Events between the recorded offsets and the snapshot are seen twice; the table's version rule
 * makes that harmless. Runs on one thread of its own; {@link #stop} may be called from any thread.
 */
public final class RouteFollower implements Runnable {

    private static final Duration KAFKA_CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);

    private final Consumer<String, byte[]> consumer;
    private final SnapshotSource snapshots;
    private final RouteTable table;
    private final Duration retryEvery;
    private final Runnable onLoaded;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile DeadLetters deadLetters;
    private volatile java.util.function.Consumer<Envelope> listener = e -> { };

    /** Also told of every envelope read (after the table saw it), on the follower's thread: must not block. */
    public RouteFollower withListener(java.util.function.Consumer<Envelope> l) {
        this.listener = l;
        return this;
    }

    /** Where records that can never be applied go (runway.deadletters); without it they are only logged. */
    public RouteFollower withDeadLetters(DeadLetters letters) {
        this.deadLetters = letters;
        return this;
    }

    /**
     * @param consumer   a consumer without a group, owned by this follower from now on (it closes it)
     * @param snapshots  where the starting routes come from
     * @param table      the table to fill
     * @param retryEvery pause between attempts while Kafka or the registry cannot answer
     * @param onLoaded   called once, on the follower's thread, right after the snapshot is loaded
     */
    public RouteFollower(Consumer<String, byte[]> consumer, SnapshotSource snapshots, RouteTable table,
            Duration retryEvery, Runnable onLoaded) {
        this.consumer = consumer;
        this.snapshots = snapshots;
        this.table = table;
        this.retryEvery = retryEvery;
        this.onLoaded = onLoaded;
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> partitions = retry("find the partitions of " + Topics.EVENTS, this::partitions);
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = retry("read the end offsets of " + Topics.EVENTS,
                    () -> consumer.endOffsets(partitions, KAFKA_CALL_TIMEOUT));
            var snapshot = retry("read the routes snapshot", snapshots::fetch);
            List<RouteChange> changes = table.loadSnapshot(snapshot);
            changes.forEach(change -> Log.debugf("snapshot: %s", change));
            ends.forEach(consumer::seek);
            Log.infof("routes snapshot loaded: %d route(s); following %s from offsets %s", table.size(),
                    Topics.EVENTS, ends.values());
            onLoaded.run();
            follow();
        } catch (WakeupException | Stopped e) {
            // stop() was called
        } catch (RuntimeException e) {
            Log.errorf(e, "the route follower stopped unexpectedly; routes are no longer updated");
        } finally {
            consumer.close(Duration.ofSeconds(2));
            Log.debug("route follower stopped");
        }
    }

    /** Ends {@link #run} soon, from any thread. */
    public void stop() {
        running = false;
        stopping.countDown();
        consumer.wakeup();
    }

    private List<TopicPartition> partitions() {
        List<PartitionInfo> infos = consumer.partitionsFor(Topics.EVENTS, KAFKA_CALL_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + Topics.EVENTS + " does not exist yet");
        }
        return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    }

    private void follow() {
        while (running) {
            try {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                    handle(record);
                }
            } catch (WakeupException e) {
                throw e;
            } catch (KafkaException e) {
                Log.warnf("polling %s failed (%s); retrying in %s", Topics.EVENTS, e.getMessage(), retryEvery);
                pause();
            }
        }
    }

    /**
     * Applies one record; anything that cannot be read or applied is dead-lettered (or logged)
     * and skipped, never fatal: a follower that stopped at it would serve stale routes for ever.
     */
    void handle(ConsumerRecord<String, byte[]> record) {
        Envelope envelope;
        try {
            if (record.value() == null) {
                throw new IllegalArgumentException("the record has no value");
            }
            envelope = EnvelopeCodec.fromBytes(record.value());
        } catch (UnknownMessageTypeException e) {
            skip(record, e.getMessage());
            return;
        } catch (RuntimeException e) {
            skip(record, "not a readable envelope: " + e.getMessage());
            return;
        }
        RouteChange change;
        try {
            change = table.apply(envelope);
        } catch (RuntimeException e) {
            skip(record, "cannot apply " + envelope.type() + " " + envelope.id() + ": " + e);
            return;
        }
        log(change, envelope);
        try {
            listener.accept(envelope);
        } catch (RuntimeException e) {
            Log.warnf(e, "a listener failed on %s %s", envelope.type(), envelope.id());
        }
    }

    private void skip(ConsumerRecord<String, byte[]> record, String reason) {
        Log.warnf("skipping %s-%d@%d (key %s): %s", record.topic(), record.partition(), record.offset(), record.key(),
                reason);
        DeadLetters letters = deadLetters;
        if (letters != null) {
            letters.send(record, "router-route-follower", reason);
        }
    }

    private static void log(RouteChange change, Envelope envelope) {
        if (change instanceof RouteChange.Added added) {
            Log.infof("route %s → %d endpoint(s) (service '%s' %s, v%d, correlation %s)", added.route().host(),
                    added.route().endpoints().size(), added.route().serviceName(), added.route().status(),
                    added.route().streamVersion(), envelope.correlationId());
        } else if (change instanceof RouteChange.Updated updated) {
            if (updated.endpointsChanged()) {
                Log.infof("route %s → %d endpoint(s) (v%d, correlation %s)", updated.after().host(),
                        updated.after().endpoints().size(), updated.after().streamVersion(),
                        envelope.correlationId());
            }
            if (updated.statusChanged()) {
                Log.infof("route %s: service '%s' %s → %s (v%d, correlation %s)", updated.after().host(),
                        updated.after().serviceName(), updated.before().status(), updated.after().status(),
                        updated.after().streamVersion(), envelope.correlationId());
            }
        } else if (change instanceof RouteChange.Removed removed) {
            Log.infof("route %s removed: service '%s' was deleted (correlation %s)", removed.route().host(),
                    removed.route().serviceName(), envelope.correlationId());
        } else if (change instanceof RouteChange.Rejected rejected) {
            Log.warnf("cannot apply %s v%d of %s: %s", envelope.type(), rejected.streamVersion(),
                    rejected.serviceArn(), rejected.reason());
        } else {
            Log.debugf("%s v%s of %s: %s", envelope.type(), envelope.streamVersion(), envelope.resourceArn(), change);
        }
    }

    private <T> T retry(String what, Callable<T> action) {
        for (int attempt = 1; running; attempt++) {
            try {
                return action.call();
            } catch (WakeupException e) {
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Stopped();
            } catch (Exception e) {
                String reason = e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getClass().getSimpleName() + ": " + e.getMessage();
                if (attempt == 1) {
                    Log.infof("cannot %s yet (%s); retrying every %s", what, reason, retryEvery.toMillis() + " ms");
                } else if (attempt % 30 == 0) {
                    Log.warnf("still cannot %s after %d attempts (%s)", what, attempt, reason);
                } else {
                    Log.debugf("cannot %s, attempt %d (%s)", what, attempt, reason);
                }
                pause();
            }
        }
        throw new Stopped();
    }

    private void pause() {
        try {
            if (stopping.await(retryEvery.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Stopped();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }

    /** Unwinds the follower's thread when it is asked to stop. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }
}
