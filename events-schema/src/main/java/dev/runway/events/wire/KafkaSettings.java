package dev.runway.events.wire;

import dev.runway.events.credential.SecretFile;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Client settings every Runway module shares: producers are idempotent with {@code acks=all};
 * consumers commit by hand after a message is handled, so a crash redelivers rather than loses.
 *
 * <p>Every client authenticates as this process's Kafka principal (docs/security.md, "Kafka") when
 * the environment names one: {@code RUNWAY_KAFKA_USERNAME} and its password, the file named by
 * {@code RUNWAY_KAFKA_PASSWORD_FILE} (what the launcher hands each service) or the value
 * {@code RUNWAY_KAFKA_PASSWORD}, over SASL/SCRAM-SHA-512 ({@code RUNWAY_KAFKA_SASL_MECHANISM} to
 * change it). Without a username the clients speak PLAINTEXT, for a broker without SASL. A password
 * file is read again at each SCRAM login ({@link PasswordFileLogin}), so a rotated password takes
 * effect at the next connection, without a restart.
 */
public final class KafkaSettings {

    /** The mechanism unless {@code RUNWAY_KAFKA_SASL_MECHANISM} says another. */
    public static final String DEFAULT_MECHANISM = "SCRAM-SHA-512";

    public static Properties producer(String bootstrapServers, String clientId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return authenticated(p, System.getenv());
    }

    /** A consumer in a shared group: instances of one module divide the partitions between them. */
    public static Properties workConsumer(String bootstrapServers, String groupId, String clientId) {
        Properties p = consumer(bootstrapServers, clientId);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // a crashed instance's partitions move to the others after 10 s rather than the default 45 s
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        return p;
    }

    /** A consumer without a group, for followers that assign partitions and seek themselves. */
    public static Properties followerConsumer(String bootstrapServers, String clientId) {
        return consumer(bootstrapServers, clientId);
    }

    private static Properties consumer(String bootstrapServers, String clientId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return authenticated(p, System.getenv());
    }

    /**
     * Adds the SASL settings of the principal {@code env} names (RUNWAY_KAFKA_USERNAME and its
     * password) to client settings; leaves them as they are when it names none.
     *
     * @throws IllegalStateException when a username is given without a readable, non-empty password
     */
    public static Properties authenticated(Properties p, Map<String, String> env) {
        String user = blankToNull(env.get("RUNWAY_KAFKA_USERNAME"));
        if (user == null) {
            return p;
        }
        String password = blankToNull(env.get("RUNWAY_KAFKA_PASSWORD"));
        String file = password != null ? null : blankToNull(env.get("RUNWAY_KAFKA_PASSWORD_FILE"));
        if (file != null) {
            password = SecretFile.failing(Path.of(file), "RUNWAY_KAFKA_PASSWORD_FILE").read().orElse(null);
        }
        if (password == null) {
            throw new IllegalStateException("RUNWAY_KAFKA_USERNAME is " + user
                    + " but no password is given (RUNWAY_KAFKA_PASSWORD_FILE or RUNWAY_KAFKA_PASSWORD)");
        }
        String mechanism = blankToNull(env.get("RUNWAY_KAFKA_SASL_MECHANISM"));
        mechanism = mechanism == null ? DEFAULT_MECHANISM : mechanism;
        String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        p.put(SaslConfigs.SASL_MECHANISM, mechanism);
        String fileOption = "";
        if (file != null && mechanism.startsWith("SCRAM-")) {
            p.put(SaslConfigs.SASL_CLIENT_CALLBACK_HANDLER_CLASS, PasswordFileLogin.class.getName());
            fileOption = " " + PasswordFileLogin.FILE_OPTION + "=\"" + jaasQuote(file) + "\"";
        }
        p.put(SaslConfigs.SASL_JAAS_CONFIG, module + " required username=\"" + jaasQuote(user) + "\" password=\""
                + jaasQuote(password) + "\"" + fileOption + ";");
        return p;
    }

    private static String jaasQuote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private KafkaSettings() {
    }
}
