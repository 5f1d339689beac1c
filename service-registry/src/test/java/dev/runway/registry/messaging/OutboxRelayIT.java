package dev.runway.registry.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runway.events.Envelope;
import dev.runway.events.event.EventRuleChanged;
import dev.runway.events.wire.EnvelopeCodec;
import dev.runway.events.wire.KafkaSettings;
import dev.runway.registry.config.RegistryConfig;
import dev.runway.registry.store.EventStore;
import dev.runway.registry.store.OutboxMessage;
import dev.runway.registry.testplatform.OnTestPlatform;
import dev.runway.registry.testplatform.TestPlatform;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay on the real PostgreSQL and Kafka: an event committed with its outbox row while
 * no relay ran (the registry stopped between its commit and the publish) is published exactly once
 * when a relay starts again, and not again by the next start. The rows name a topic of the test's
 * own, so nothing reaches the platform's topics.
 */
@QuarkusTest
@TestProfile(OnTestPlatform.class)
class OutboxRelayIT {

    private static final String TOPIC = TestPlatform.unique("it-outbox");

    @Inject
    RegistryConfig config;

    @Inject
    EntityManager em;

    @Inject
    EventStore store;

    @BeforeAll
    static void createTopic() throws Exception {
        TestPlatform.createTopic(TOPIC);
    }

    @AfterAll
    static void deleteTopic() throws Exception {
        TestPlatform.deleteTopicsAndGroups(List.of(TOPIC), List.of());
    }

    @Test
    void shouldPublishAnEventCommittedBeforeACrashOnceWhenTheRelayStartsAgain() throws Exception {
        // given: an event and its outbox row committed, and no relay running since (nothing published)
        // (the database is the tests' own; rows other tests queued name the platform's topics: never relay them)
        QuarkusTransaction.requiringNew().run(() -> OutboxMessage.delete("sentAt is null"));
        Envelope committed = event("committed before the crash");
        long row = QuarkusTransaction.requiringNew().call(() -> {
            Envelope stored = store.append(committed.resourceArn(), 0, List.of(committed)).get(0).envelope();
            return queue(stored);
        });
        assertEquals(List.of(), idsOnTopic(), "published before any relay started");

        // when: a relay starts, publishes it and stops; then a second relay starts and publishes a later row
        runRelayUntilSent(row);
        Envelope later = event("written after the first relay stopped");
        long laterRow = QuarkusTransaction.requiringNew().call(() -> queue(later));
        runRelayUntilSent(laterRow);

        // then: the topic holds the committed event once, then the later one: the restart did not publish it again
        assertEquals(List.of(committed.id(), later.id()), idsOnTopic());
    }

    /** A relay of its own, as after a restart: started, stopped once {@code row} is marked sent. */
    private void runRelayUntilSent(long row) throws Exception {
        OutboxRelay relay = new OutboxRelay(config, em);
        relay.start(null);
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!isSent(row)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("outbox row " + row + " was not published within 30 s");
                }
                Thread.sleep(50);
            }
        } finally {
            relay.stop(null);
        }
    }

    private static boolean isSent(long row) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.<OutboxMessage>findById(row).sentAt != null);
    }

    /** Queues {@code envelope} for the test's topic, as the write path does for runway.events; answers the row id. */
    private static long queue(Envelope envelope) {
        return OutboxMessage.queue(TOPIC, envelope.resourceArn(), envelope).id;
    }

    /** The ids of every message on the topic, in order. */
    private static List<UUID> idsOnTopic() {
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        List<UUID> ids = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                KafkaSettings.followerConsumer(TestPlatform.kafkaBootstrapServers(), TestPlatform.unique("it-reader")))) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(partition) < end) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + TOPIC + " up to offset " + end + " within 30 s");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    ids.add(EnvelopeCodec.fromBytes(r.value()).id());
                }
            }
        }
        return ids;
    }

    private static Envelope event(String description) {
        String ruleArn = "arn:aws:events:us-east-1:000000000000:rule/" + UUID.randomUUID();
        return Envelope.first("service-registry", new EventRuleChanged(ruleArn, "it", "{\"source\":[\"it\"]}",
                "ENABLED", description, List.of(), Instant.now()), UUID.randomUUID());
    }
}
