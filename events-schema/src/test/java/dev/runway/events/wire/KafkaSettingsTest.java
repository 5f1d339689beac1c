package dev.runway.events.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.List;
import java.util.Properties;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.scram.ScramExtensionsCallback;
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
                + " password=\"s3cret\" runwayPasswordFile=\"" + file + "\";", p.get("sasl.jaas.config"));
        // and each login reads the file again (a rotated password without a restart)
        assertEquals(PasswordFileLogin.class.getName(), p.get("sasl.client.callback.handler.class"));
    }

    @Test
    void eachLoginReadsThePasswordFileAgain(@TempDir Path dir) throws Exception {
        // given a login configured as KafkaSettings makes it
        Path file = dir.resolve("router");
        Files.writeString(file, "first\n");
        var login = new PasswordFileLogin();
        login.configure(Map.of(), "SCRAM-SHA-512", List.of(new AppConfigurationEntry(
                "org.apache.kafka.common.security.scram.ScramLoginModule",
                AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                Map.of("username", "router", "password", "first", PasswordFileLogin.FILE_OPTION, file.toString()))));
        // when the password is rotated, and later its file is gone for a moment
        Files.writeString(file, "second\n");
        var name = new NameCallback("name");
        var password = new PasswordCallback("password", false);
        login.handle(new Callback[] {name, password, new ScramExtensionsCallback()});
        Files.delete(file);
        var again = new PasswordCallback("password", false);
        login.handle(new Callback[] {again});
        // then the next login uses the new one, and keeps it while the file cannot be read
        assertEquals("router", name.getName());
        assertEquals("second", new String(password.getPassword()));
        assertEquals("second", new String(again.getPassword()));
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
