package dev.runway.registry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The service-registry's settings; each maps to a RUNWAY_* variable (docs/configuration.md). */
@ConfigMapping(prefix = "runway")
public interface RegistryConfig {

    Kafka kafka();

    /** Partition of generated ARNs, e.g. {@code aws}. */
    @WithDefault("aws")
    String partition();

    /** Region of generated ARNs. */
    String region();

    /** Account id of generated ARNs. */
    String accountId();

    /** Service URLs are {@code <name>-<short id>.<domain>}. */
    String domain();

    Router router();

    Outbox outbox();

    Credentials credentials();

    interface Kafka {
        String bootstrapServers();
    }

    interface Router {
        /** The router's public port, appended to service URLs unless it is 80. */
        @WithDefault("8080")
        int publicPort();
    }

    interface Outbox {
        /** How often the relay looks for unsent messages when no commit woke it. */
        @WithDefault("250ms")
        Duration pollInterval();
    }

    interface Credentials {
        /** The 32-byte key that encrypts secret access keys at rest; created (0600) when missing. */
        String keyFile();
    }
}
