package dev.runway.events.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSettingsTest {

    @Test
    void noUsernameMeansPlaintext() {
        Properties p = KafkaSettings.authenticated(new Properties(), Map.of("RUNWAY_KAFKA_PASSWORD", "x"));
        assertFalse(p.containsKey("security.protocol"));
        assertFalse(p.containsKey("sasl.jaas.config"));
    }

    @Test
    void theUsernameAndThePasswordFileMakeAScramLogin(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("api-gateway");
        Files.writeString(file, "s3cret\n");
        Properties p = KafkaSettings.authenticated(new Properties(),
                Map.of("RUNWAY_KAFKA_USERNAME", "api-gateway", "RUNWAY_KAFKA_PASSWORD_FILE", file.toString()));
        assertEquals("SASL_PLAINTEXT", p.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", p.get("sasl.mechanism"));
        assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"api-gateway\""
                + " password=\"s3cret\";", p.get("sasl.jaas.config"));
    }

    @Test
    void aPasswordValueWinsAndQuotesAreEscaped() {
        Properties p = KafkaSettings.authenticated(new Properties(), Map.of("RUNWAY_KAFKA_USERNAME", "admin",
                "RUNWAY_KAFKA_PASSWORD", "a\"b\\c", "RUNWAY_KAFKA_PASSWORD_FILE", "/nonexistent",
                "RUNWAY_KAFKA_SASL_MECHANISM", "SCRAM-SHA-256"));
        assertEquals("SCRAM-SHA-256", p.get("sasl.mechanism"));
        assertTrue(((String) p.get("sasl.jaas.config")).endsWith("password=\"a\\\"b\\\\c\";"));
    }

    @Test
    void aUsernameWithoutPasswordIsAnError(@TempDir Path dir) {
        assertThrows(IllegalStateException.class, () -> KafkaSettings.authenticated(new Properties(),
                Map.of("RUNWAY_KAFKA_USERNAME", "router")));
        assertThrows(RuntimeException.class, () -> KafkaSettings.authenticated(new Properties(),
                Map.of("RUNWAY_KAFKA_USERNAME", "router", "RUNWAY_KAFKA_PASSWORD_FILE", dir.resolve("none").toString())));
    }
}
