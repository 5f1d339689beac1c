package dev.runway.registry.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runway.events.Envelope;
import dev.runway.events.Topics;
import dev.runway.events.command.PutEventRule;
import dev.runway.events.wire.EnvelopeCodec;
import dev.runway.events.wire.KafkaSettings;
import dev.runway.registry.config.RegistryConfig;
import dev.runway.registry.testplatform.OnTestPlatform;
import dev.runway.registry.testplatform.TestPlatform;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The registry's consumer and handler on the real Kafka and PostgreSQL: a command delivered twice
 * (as after a crash between its transaction and the offset commit) is handled once, by the
 * processed-message ids written in the handling transaction. The consumer reads a topic of the
 * test's own as a group of its own; its outbox rows are never relayed (no relay runs here).
 */
@QuarkusTest
@TestProfile(OnTestPlatform.class)
class RegistryConsumerIT {

    private static final String TOPIC = TestPlatform.unique("it-commands");
    private static final String GROUP = TestPlatform.unique("it-registry");

    @Inject
    RegistryConfig config;

    @Inject
    MessageHandler handler;

    @Inject
    OutboxRelay relay;

    @Inject
    AgroalDataSource db;

    @BeforeAll
    static void createTopic() throws Exception {
        TestPlatform.createTopic(TOPIC);
    }

    @AfterAll
    static void deleteTopicAndGroup() throws Exception {
        TestPlatform.deleteTopicsAndGroups(List.of(TOPIC), List.of(GROUP));
    }

    @Test
    void shouldHandleARedeliveredCommandOnce() throws Exception {
        // given: the same PutEventRule record twice on the topic, a redelivery
        String ruleArn = "arn:aws:events:us-east-1:000000000000:rule/" + TestPlatform.unique("it-rule");
        Envelope command = Envelope.first("api-gateway", new PutEventRule(ruleArn, "it-rule",
                "{\"source\":[\"it\"]}", "ENABLED", "delivered twice"), UUID.randomUUID());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                KafkaSettings.producer(TestPlatform.kafkaBootstrapServers(), TestPlatform.unique("it-gateway")))) {
            for (int delivery = 0; delivery < 2; delivery++) {
                producer.send(new ProducerRecord<>(TOPIC, ruleArn, EnvelopeCodec.toBytes(command))).get(30, TimeUnit.SECONDS);
            }
        }

        // when: the registry's consumer reads the topic until it has committed both
        RegistryConsumer consumer = new RegistryConsumer(config, handler, relay, List.of(TOPIC), GROUP);
        consumer.start(null);
        try {
            awaitCommitted(2);
        } finally {
            consumer.stop(null);
        }

        // then: one event in the rule's stream, one reply to the command, and its id recorded once
        assertEquals(1, count("select count(*) from events where stream_id = ?", ruleArn), "events");
        assertEquals(1, count("select count(*) from outbox where topic = '" + Topics.REPLIES
                + "' and envelope ->> 'causationId' = ?", command.id().toString()), "replies");
        assertEquals(1, count("select count(*) from processed_messages where message_id = ?::uuid", command.id().toString()),
                "processed ids");
    }

    private static void awaitCommitted(long offset) throws Exception {
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (Admin admin = TestPlatform.kafkaAdmin()) {
            while (true) {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS).get(partition);
                if (committed != null && committed.offset() >= offset) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("group " + GROUP + " committed " + committed + ", not " + offset + ", within 30 s");
                }
                Thread.sleep(100);
            }
        }
    }

    private long count(String sql, String parameter) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
