package dev.runway.registry.testplatform;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The registry as the integration tests run it (one application for all of them): on the test
 * platform's PostgreSQL, in a database of its own ({@link OwnDatabase}), and its Kafka.
 *
 * <p>No startup observer runs: neither the relay, the consumers (the platform's topics, as group
 * {@code service-registry}) nor the seeding at start, so nothing of the application reads or
 * writes the platform's topics; each test starts the parts it tests itself, on topics of its own.
 * The files the registry would make in the state directory go to target/it-state instead.
 */
public class OnTestPlatform implements QuarkusTestProfile {

    private static final Path STATE = stateDir();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.arc.test.disable-application-lifecycle-observers", "true",
                "runway.credentials.key-file", STATE.resolve("credentials.key").toString(),
                "runway.acme.account-key-file", STATE.resolve("acme-account.pem").toString());
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OwnDatabase.class));
    }

    /** target/it-state of the module (failsafe runs in its directory). */
    private static Path stateDir() {
        try {
            return Files.createDirectories(Path.of("target", "it-state").toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
