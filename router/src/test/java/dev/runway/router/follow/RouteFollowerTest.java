package dev.runway.router.follow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.Envelope;
import dev.runway.events.Topics;
import dev.runway.events.event.RevisionActivated;
import dev.runway.events.event.ServiceCreated;
import dev.runway.events.event.ServiceDeleted;
import dev.runway.events.event.ServiceEvent;
import dev.runway.events.model.Endpoint;
import dev.runway.events.model.ServiceStatus;
import dev.runway.events.wire.EnvelopeCodec;
import dev.runway.router.route.Route;
import dev.runway.router.route.RouteTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The snapshot-then-follow sequence against Kafka's MockConsumer and a fake registry. */
class RouteFollowerTest {

    private static final String ARN = "arn:aws:apprunner:us-east-1:000000000000:service/demo/0123abcd0123abcd0123abcd0123abcd";
    private static final String HOST = "demo-0123abcd.localhost";
    private static final TopicPartition P0 = new TopicPartition(Topics.EVENTS, 0);
    private static final TopicPartition P1 = new TopicPartition(Topics.EVENTS, 1);
    private static final Endpoint E1 = new Endpoint("ab12cd34", "127.0.0.1", 20001);
    private static final Endpoint E2 = new Endpoint("ef56ab78", "127.0.0.1", 20002);
    private static final UUID OP = UUID.randomUUID();

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("none");
    private final RouteTable table = new RouteTable();
    private final CountDownLatch loaded = new CountDownLatch(1);
    private RouteFollower follower;
    private Thread thread;

    @AfterEach
    void stop() throws InterruptedException {
        if (follower != null) {
            follower.stop();
            thread.join(5_000);
            assertFalse(thread.isAlive(), "the follower stops when asked");
            assertTrue(consumer.closed(), "the follower closes its consumer");
        }
    }

    @Test
    void shouldRetryTheSnapshotUntilTheRegistryAnswers() throws Exception {
        givenTopicWithEndOffsets(Map.of(P0, 5L, P1, 0L));
        AtomicInteger attempts = new AtomicInteger();

        start(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IOException("Connection refused");
            }
            return List.of(demo(12, E1));
        });

        assertTrue(loaded.await(5, TimeUnit.SECONDS));
        assertEquals(3, attempts.get());
        assertTrue(table.isLoaded());
        assertEquals(List.of(E1), table.route(HOST).orElseThrow().endpoints());
    }

    @Test
    void shouldStayUnloadedWhileTheRegistryIsDown() throws Exception {
        givenTopicWithEndOffsets(Map.of(P0, 0L, P1, 0L));

        start(() -> {
            throw new IOException("Connection refused");
        });

        assertFalse(loaded.await(300, TimeUnit.MILLISECONDS));
        assertFalse(table.isLoaded());
    }

    @Test
    void shouldFollowEventsFromTheOffsetsRecordedBeforeTheSnapshot() throws Exception {
        givenTopicWithEndOffsets(Map.of(P0, 5L, P1, 2L));
        // written before the end offsets were read: must not be read at all
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(P0, 4, event(13, new ServiceDeleted(ARN, Instant.now()))));
            // between the end offsets and the snapshot: already in the snapshot, skipped by version
            consumer.addRecord(record(P0, 5, event(12, new RevisionActivated(ARN, OP, 1, List.of()))));
            // after the snapshot: applied
            consumer.addRecord(record(P0, 6, event(13, new RevisionActivated(ARN, OP, 2, List.of(E1, E2)))));
            consumer.addRecord(record(P1, 2, event(1, created("arn:other", "other", "other-ffff0000.localhost"))));
        });

        start(() -> List.of(demo(12, E1)));

        assertEventually(() -> table.route("other-ffff0000.localhost").isPresent());
        assertEquals(List.of(E1, E2), table.route(HOST).orElseThrow().endpoints());
        assertEquals(13, table.route(HOST).orElseThrow().streamVersion());
    }

    @Test
    void shouldSkipUnreadableAndUnknownRecordsAndKeepGoing() throws Exception {
        givenTopicWithEndOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.schedulePollTask(() -> {
            consumer.addRecord(new ConsumerRecord<>(Topics.EVENTS, 0, 0, ARN, "not json".getBytes(StandardCharsets.UTF_8)));
            consumer.addRecord(new ConsumerRecord<>(Topics.EVENTS, 0, 1, ARN, null));
            consumer.addRecord(new ConsumerRecord<>(Topics.EVENTS, 0, 2, ARN, """
                    {"id":"%s","type":"ServiceTeleported","schemaVersion":1,"time":"2025-01-01T00:00:00Z",
                     "source":"future","resourceArn":"%s","streamVersion":14,"data":{}}
                    """.formatted(UUID.randomUUID(), ARN).getBytes(StandardCharsets.UTF_8)));
            consumer.addRecord(record(P0, 3, event(14, new RevisionActivated(ARN, OP, 2, List.of(E2)))));
        });

        start(() -> List.of(demo(12, E1)));

        assertEventually(() -> table.route(HOST).map(r -> r.endpoints().equals(List.of(E2))).orElse(false));
    }

    @Test
    void shouldWaitForTheEventsTopicToExist() throws Exception {
        consumer.updateEndOffsets(Map.of(P0, 0L, P1, 0L));
        follower = new RouteFollower(consumer, () -> List.of(demo(12, E1)), table, Duration.ofMillis(20),
                loaded::countDown);
        thread = new Thread(follower, "route-follower-test");
        thread.start();

        assertFalse(loaded.await(200, TimeUnit.MILLISECONDS));
        givenTopicWithEndOffsets(Map.of(P0, 0L, P1, 0L));

        assertTrue(loaded.await(5, TimeUnit.SECONDS));
        assertEquals(Optional.of(List.of(E1)), table.route(HOST).map(Route::endpoints));
    }

    // ---- givens

    private void givenTopicWithEndOffsets(Map<TopicPartition, Long> ends) {
        Node node = new Node(1, "127.0.0.1", 9092);
        consumer.updatePartitions(Topics.EVENTS, List.of(
                new PartitionInfo(Topics.EVENTS, 0, node, new Node[] {node}, new Node[] {node}),
                new PartitionInfo(Topics.EVENTS, 1, node, new Node[] {node}, new Node[] {node})));
        consumer.updateEndOffsets(ends);
    }

    private void start(SnapshotSource snapshots) {
        follower = new RouteFollower(consumer, snapshots, table, Duration.ofMillis(20), loaded::countDown);
        thread = new Thread(follower, "route-follower-test");
        thread.start();
    }

    private static Route demo(long version, Endpoint... endpoints) {
        return new Route(ARN, "demo", HOST, ServiceStatus.RUNNING, version, List.of(endpoints));
    }

    private static ServiceCreated created(String arn, String name, String url) {
        return new ServiceCreated(arn, "ffff0000", name, url, null, List.of(), Instant.now());
    }

    private static Envelope event(long version, ServiceEvent event) {
        return Envelope.first("service-registry", event, OP).atStreamVersion(version);
    }

    private static ConsumerRecord<String, byte[]> record(TopicPartition partition, long offset, Envelope envelope) {
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, envelope.resourceArn(),
                EnvelopeCodec.toBytes(envelope));
    }

    private static void assertEventually(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 500 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertTrue(condition.getAsBoolean());
    }
}
