package dev.runway.events.wire;

import java.time.Duration;
import java.util.Collection;
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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * A work consumer on its own thread: joins {@code group}, hands each record to the handler, and
 * commits its offset only after the handler returned, so a crash redelivers instead of losing.
 * Instances of one module share the partitions through the group.
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
    private Thread thread;

    public GroupConsumer(String bootstrapServers, String group, List<String> topics,
            Consumer<ConsumerRecord<String, byte[]>> handler) {
        this.bootstrapServers = bootstrapServers;
        this.group = group;
        this.topics = List.copyOf(topics);
        this.handler = handler;
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
    }

    private void run() {
        String clientId = group + "-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(
                KafkaSettings.workConsumer(bootstrapServers, group, clientId))) {
            consumer = c;
            c.subscribe(topics, new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    if (joined.compareAndSet(false, true)) {
                        LOG.info(() -> group + " joined its consumer group for " + topics + " with "
                                + partitions.size() + " partition(s)");
                    }
                }
            });
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
                    try {
                        handler.accept(record);
                    } catch (RuntimeException e) {
                        LOG.log(Level.SEVERE, group + " could not handle " + record.topic() + "-" + record.partition()
                                + "@" + record.offset() + "; skipping it", e);
                    }
                    c.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1)));
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                LOG.log(Level.SEVERE, group + " consumer woken unexpectedly", e);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, group + " consumer stopped", e);
        } finally {
            joined.set(false);
        }
    }
}
