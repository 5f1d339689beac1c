package dev.runway.deployworker.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OwnedPartitionsTest {

    private static final String TOPIC = "runway.deploy.commands";
    private static final String ARN = "arn:aws:apprunner:us-east-1:000000000000:service/demo/0123456789abcdef0123456789abcdef";

    @Test
    void shouldPlaceAServiceWhereTheProducerPutsItsCommands() {
        // given the keys the registry sends deploy commands with
        for (int i = 0; i < 200; i++) {
            String arn = ARN.replace("demo", "svc" + i);
            for (int partitions : new int[] {1, 3, 6, 12}) {
                // then ownership follows the partition Kafka's producer chooses for that key
                assertEquals(BuiltInPartitioner.partitionForKey(arn.getBytes(StandardCharsets.UTF_8), partitions),
                        OwnedPartitions.partitionOf(arn, partitions), arn);
            }
        }
    }

    @Test
    void shouldOwnOnlyTheServicesOnAssignedPartitions() throws Exception {
        // given a worker holding the service's partition
        OwnedPartitions owned = new OwnedPartitions();
        int mine = OwnedPartitions.partitionOf(ARN, 6);
        assertFalse(owned.owns(ARN), "nothing is owned before the group assigns partitions");
        owned.assigned(List.of(new TopicPartition(TOPIC, mine)), 6);
        assertTrue(owned.owns(ARN));

        // when the partition is revoked, or assigned elsewhere
        owned.revoked(List.of(new TopicPartition(TOPIC, mine)));
        owned.assigned(List.of(new TopicPartition(TOPIC, (mine + 1) % 6)), 6);

        // then the service is no longer this worker's, and work on it is not run
        assertFalse(owned.owns(ARN));
        AtomicBoolean ran = new AtomicBoolean();
        assertFalse(owned.whileOwning(ARN, () -> ran.set(true)));
        assertFalse(ran.get());
    }

    @Test
    void shouldHoldARevocationUntilTheRepairInProgressEnds() throws Exception {
        // given a repair running on an owned service
        OwnedPartitions owned = new OwnedPartitions();
        TopicPartition partition = new TopicPartition(TOPIC, OwnedPartitions.partitionOf(ARN, 6));
        owned.assigned(List.of(partition), 6);
        CountDownLatch repairing = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Thread repair = new Thread(() -> {
            try {
                owned.whileOwning(ARN, () -> {
                    repairing.countDown();
                    await(finish);
                });
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        repair.start();
        assertTrue(repairing.await(5, TimeUnit.SECONDS));

        // when the group revokes the partition meanwhile
        CountDownLatch revoked = new CountDownLatch(1);
        Thread rebalance = new Thread(() -> {
            owned.revoked(List.of(partition));
            revoked.countDown();
        });
        rebalance.start();

        // then the revocation completes only after the repair
        assertFalse(revoked.await(300, TimeUnit.MILLISECONDS), "revocation waits for the repair");
        finish.countDown();
        assertTrue(revoked.await(5, TimeUnit.SECONDS));
        assertFalse(owned.owns(ARN));
        repair.join();
        rebalance.join();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
