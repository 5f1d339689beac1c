package dev.runway.deployworker.messaging;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * Which services this deploy-worker instance is responsible for: those whose key (the service
 * ARN) falls on a partition of {@code runway.deploy.commands} the consumer group gave it. Deploy
 * commands of a service and the reconciler's repairs of it thus happen on one instance, and when
 * the partition moves, both move together: several deploy-workers never fight over containers.
 * A revocation waits for a repair in progress, so the next owner starts after it ended.
 */
@Singleton
public class OwnedPartitions {

    private final ReadWriteLock handover = new ReentrantReadWriteLock();
    private final Set<Integer> owned = new HashSet<>();
    private int partitionCount;

    /** Work on a service that may fail with an I/O error (the registry's query API). */
    public interface OwnedWork {
        void run() throws java.io.IOException;
    }

    /** The partition Kafka's default partitioner gives a record keyed by {@code serviceArn}. */
    static int partitionOf(String serviceArn, int partitionCount) {
        return Utils.toPositive(Utils.murmur2(serviceArn.getBytes(StandardCharsets.UTF_8))) % partitionCount;
    }

    /** Whether this instance owns the service right now. */
    public boolean owns(String serviceArn) {
        handover.readLock().lock();
        try {
            return partitionCount > 0 && owned.contains(partitionOf(serviceArn, partitionCount));
        } finally {
            handover.readLock().unlock();
        }
    }

    /**
     * Runs {@code work} if this instance owns the service, holding off a revocation until it is
     * done; returns false (and runs nothing) when it does not own the service.
     */
    public boolean whileOwning(String serviceArn, OwnedWork work) throws java.io.IOException {
        handover.readLock().lock();
        try {
            if (partitionCount == 0 || !owned.contains(partitionOf(serviceArn, partitionCount))) {
                return false;
            }
            work.run();
            return true;
        } finally {
            handover.readLock().unlock();
        }
    }

    void assigned(Collection<TopicPartition> partitions, int partitionCount) {
        handover.writeLock().lock();
        try {
            this.partitionCount = partitionCount;
            partitions.forEach(p -> owned.add(p.partition()));
        } finally {
            handover.writeLock().unlock();
        }
    }

    /** Waits for a repair in progress (the write lock), then forgets the partitions. */
    void revoked(Collection<TopicPartition> partitions) {
        handover.writeLock().lock();
        try {
            partitions.forEach(p -> owned.remove(p.partition()));
        } finally {
            handover.writeLock().unlock();
        }
    }

    /** The consumer left the group (closed or failed): this instance owns nothing. */
    void cleared() {
        handover.writeLock().lock();
        try {
            owned.clear();
        } finally {
            handover.writeLock().unlock();
        }
    }

    /** The partitions this instance owns, in order, for logs. */
    java.util.SortedSet<Integer> snapshot() {
        handover.readLock().lock();
        try {
            return new java.util.TreeSet<>(owned);
        } finally {
            handover.readLock().unlock();
        }
    }
}
