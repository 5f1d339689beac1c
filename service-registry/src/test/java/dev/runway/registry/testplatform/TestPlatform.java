package dev.runway.registry.testplatform;

import dev.runway.events.wire.KafkaSettings;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The test platform {@code ./runway test} started, as its environment names it (the profile's
 * variables, RUNWAY_TEST_SLOT's ports included). The integration tests use its PostgreSQL and Kafka
 * but never its data: a database of their own ({@link OwnDatabase}) and topics of their own, made
 * here with unique names and deleted afterwards. Kafka clients authenticate as the {@code admin}
 * principal, which the failsafe configuration hands {@link KafkaSettings} through
 * RUNWAY_KAFKA_USERNAME and RUNWAY_KAFKA_PASSWORD_FILE (service-registry/pom.xml).
 */
public final class TestPlatform {

    /** A variable of the test platform's profile; a clear failure when the test runs without one. */
    public static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run the integration tests through ./runway test");
        }
        return value;
    }

    public static String kafkaBootstrapServers() {
        return env("RUNWAY_KAFKA_BOOTSTRAP_SERVERS");
    }

    /** A name no other run uses, e.g. {@code it-outbox-1a2b3c4d}. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An admin client of the platform's Kafka. */
    public static Admin kafkaAdmin() {
        if (System.getenv("RUNWAY_KAFKA_USERNAME") == null) {
            // surefire runs an *IT named by -Dtest, without failsafe's Kafka principal: it would
            // speak PLAINTEXT to a SASL broker and wait out every timeout
            throw new IllegalStateException("RUNWAY_KAFKA_USERNAME is not set: run the integration tests with "
                    + "failsafe (./runway test -Dtest=none -Dit.test=<class> ...), not with -Dtest=<class>");
        }
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers());
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, unique("registry-it-admin"));
        return Admin.create(KafkaSettings.authenticated(p, System.getenv()));
    }

    /** Creates {@code topic} with one partition (so the tests read it in order). */
    public static void createTopic(String topic) throws Exception {
        try (Admin admin = kafkaAdmin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Deletes the topics and consumer groups a test made. */
    public static void deleteTopicsAndGroups(List<String> topics, List<String> groups) throws Exception {
        try (Admin admin = kafkaAdmin()) {
            if (!groups.isEmpty()) {
                admin.deleteConsumerGroups(groups).all().get(30, TimeUnit.SECONDS);
            }
            if (!topics.isEmpty()) {
                admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private TestPlatform() {
    }
}
