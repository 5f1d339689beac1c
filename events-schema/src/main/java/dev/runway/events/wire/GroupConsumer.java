package dev.runway.events.wire;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * A work consumer on its own thread: joins {@code group}, hands each record to the handler, and
 * commits its offset only after the handler returned, so a crash redelivers instead of losing.
 * Instances of one module share the partitions through the group; a commit refused during a
 * rebalance rewinds the unhandled records and rejoins, and a failed client is replaced, so an
 * instance never silently stops consuming.
 *
 * <p>A handler's failure is judged by {@link Failures}: one that may pass (database or broker
 * away) rewinds to the record and tries again with a growing pause, and the consumer says it is
 * {@linkplain #isRetrying() retrying}; any other goes to {@code runway.deadletters} with the
 * record's bytes and the reason ({@link DeadLetters}) and the consumer moves on to the next.
 */
public final class GroupConsumer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GroupConsumer.class.getName());

    private final String bootstrapServers;
    private final String group;
    private final List<String> topics;
    private final Consumer<ConsumerRecord<String, byte[]>> handler;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean joined = new AtomicBoolean();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private final Duration maxHandlingTime;
    private volatile Duration replay;
    private final DeadLetters deadLetters;
    private volatile int failuresInARow;
    private Thread thread;

    public GroupConsumer(String bootstrapServers, String group, List<String> topics,
            Consumer<ConsumerRecord<String, byte[]>> handler) {
        this(bootstrapServers, group, topics, handler, null);
    }

    /**
     * @param maxHandlingTime how long one message may take to handle before the group gives its
     *                        partition to another instance (Kafka's max.poll.interval.ms); null for Kafka's 5 min
     */
    public GroupConsumer(String bootstrapServers, String group, List<String> topics,
            Consumer<ConsumerRecord<String, byte[]>> handler, Duration maxHandlingTime) {
        this.bootstrapServers = bootstrapServers;
        this.group = group;
        this.topics = List.copyOf(topics);
        this.handler = handler;
        this.maxHandlingTime = maxHandlingTime;
        this.deadLetters = new DeadLetters(bootstrapServers, group);
    }

    /** True while a record keeps failing with a failure that may pass (the database is away). */
    public boolean isRetrying() {
        return failuresInARow > 0;
    }

    /**
     * Reads again, whenever this instance is given a partition (on start, after a rebalance), the
     * records of the last {@code stretch} it already committed past: for a consumer that keeps a
     * cache of recent figures, which a restart would otherwise leave empty. Its handler must be
     * idempotent. Call before {@link #start()}.
     */
    public GroupConsumer replayOnAssignment(Duration stretch) {
        this.replay = stretch;
        return this;
    }

    public void start() {
        running.set(true);
        thread = new Thread(this::run, group + "-consumer");
        thread.start();
    }

    /** True once the group gave this instance its partitions (possibly none) and polling runs. */
    public boolean isJoined() {
        return joined.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            thread.join(10_000);
        }
        deadLetters.close();
    }

    private void run() {
        while (running.get()) {
            try {
                consume();
            } catch (WakeupException e) {
                if (running.get()) {
                    LOG.log(Level.SEVERE, group + " consumer woken unexpectedly; joining again", e);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, group + " consumer failed; joining again in 2 s", e);
                pause();
            } finally {
                joined.set(false);
            }
        }
    }

    private void consume() {
        String clientId = group + "-" + UUID.randomUUID().toString().substring(0, 8);
        var settings = KafkaSettings.workConsumer(bootstrapServers, group, clientId);
        if (maxHandlingTime != null) {
            settings.put(org.apache.kafka.clients.consumer.ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
                    (int) maxHandlingTime.toMillis());
            // one slow message at a time: the next ones wait in Kafka, not in this consumer
            settings.put(org.apache.kafka.clients.consumer.ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        }
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(settings)) {
            consumer = c;
            c.subscribe(topics, new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    if (replay != null && !partitions.isEmpty()) {
                        seekBack(c, partitions, replay);
                    }
                    if (joined.compareAndSet(false, true)) {
                        LOG.info(() -> group + " joined its consumer group for " + topics + " with "
                                + partitions.size() + " partition(s)");
                    }
                }
            });
            while (running.get()) {
                List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
                c.poll(Duration.ofMillis(500)).forEach(batch::add);
                for (int i = 0; i < batch.size(); i++) {
                    ConsumerRecord<String, byte[]> record = batch.get(i);
                    if (!handle(record)) {
                        rewind(c, batch.subList(i, batch.size()));
                        backOff();
                        break;
                    }
                    if (!commit(c, record)) {
                        rewind(c, batch.subList(i + 1, batch.size()));
                        break;
                    }
                }
            }
        } finally {
            consumer = null;
        }
    }

    /**
     * Hands one record to the handler; true when the consumer may move past it (handled, or
     * dead-lettered), false when it must be tried again later.
     */
    private boolean handle(ConsumerRecord<String, byte[]> record) {
        try {
            handler.accept(record);
            failuresInARow = 0;
            return true;
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (RuntimeException e) {
            if (Failures.isTransient(e)) {
                failuresInARow++;
                LOG.warning(() -> group + " could not handle " + DeadLetters.where(record) + " (" + Failures.rootMessage(e)
                        + "); trying again (" + failuresInARow + " in a row)");
                return false;
            }
            LOG.log(Level.SEVERE, group + " can never handle " + DeadLetters.where(record) + "; dead-lettering it", e);
            if (!deadLetters.send(record, group, Failures.rootMessage(e))) {
                failuresInARow++;
                return false;
            }
            failuresInARow = 0;
            return true;
        }
    }

    /** 0.5 s after the first failure in a row, doubling up to 10 s. */
    private void backOff() {
        long millis = Math.min(10_000L, 500L << Math.min(5, Math.max(0, failuresInARow - 1)));
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    /**
     * Commits past {@code record}; false when the group is rebalancing or moved the partition away.
     * Then the next owner may read the record again, so handlers must be idempotent.
     */
    private boolean commit(KafkaConsumer<String, byte[]> c, ConsumerRecord<String, byte[]> record) {
        try {
            c.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1)));
            return true;
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warning(() -> group + " could not commit " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " (" + e.getMessage() + "); polling again to rejoin the group");
            return false;
        }
    }

    /** Moves each partition back to its first record of the last {@code stretch}, never forward. */
    private void seekBack(KafkaConsumer<String, byte[]> c, Collection<TopicPartition> partitions, Duration stretch) {
        long since = System.currentTimeMillis() - stretch.toMillis();
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(p -> times.put(p, since));
        int[] moved = {0};
        c.offsetsForTimes(times).forEach((partition, found) -> {
            if (found != null && found.offset() < c.position(partition)) {
                c.seek(partition, found.offset());
                moved[0]++;
            }
        });
        LOG.info(() -> group + " reads the last " + stretch.toSeconds() + " s of " + moved[0] + " of its "
                + partitions.size() + " partition(s) again");
    }

    /** Puts each partition back at its first unhandled record, so nothing after a failed commit is skipped. */
    static void rewind(KafkaConsumer<String, byte[]> c, List<ConsumerRecord<String, byte[]>> unhandled) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : unhandled) {
            first.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
        }
        first.forEach(c::seek);
    }

    private void pause() {
        try {
            Thread.sleep(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }
}
