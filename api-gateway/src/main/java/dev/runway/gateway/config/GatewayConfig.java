package dev.runway.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The api-gateway's settings; each maps to a RUNWAY_* variable (docs/configuration.md). */
@ConfigMapping(prefix = "runway")
public interface GatewayConfig {

    Kafka kafka();

    ServiceRegistry serviceRegistry();

    /** ARN partition, e.g. {@code aws}. */
    String partition();

    String region();

    String accountId();

    Gateway gateway();

    /** The platform image registry whose push notifications start auto-deployments, e.g. {@code 127.0.0.1:5000}. */
    String imageRegistry();

    interface Kafka {
        String bootstrapServers();
    }

    interface ServiceRegistry {
        /** Base URL of the registry's query API. */
        String url();
    }

    interface Gateway {
        /** How long a write waits for the registry's verdict. */
        @WithDefault("10s")
        Duration verdictTimeout();
    }
}
