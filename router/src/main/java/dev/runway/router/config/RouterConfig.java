package dev.runway.router.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.OptionalInt;

/** The router's settings; the first of each group maps to a RUNWAY_* variable (docs/configuration.md). */
@ConfigMapping(prefix = "runway")
public interface RouterConfig {

    Router router();

    ServiceRegistry serviceRegistry();

    Kafka kafka();

    interface Router {
        /** Address the data plane binds ({@code RUNWAY_BIND_HOST}). */
        String host();

        /** The one public port of every service ({@code RUNWAY_ROUTER_PORT}). */
        int port();

        /** Event loops that accept requests; one per CPU core when unset. */
        OptionalInt instances();

        /** How long an instance may take to accept a connection before the request fails with 502. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** How long an idle pooled connection to an instance is kept; below the instances' own timeout. */
        @WithDefault("4s")
        Duration upstreamKeepAlive();

        /** Pooled connections per instance and event loop. */
        @WithDefault("100")
        int maxConnectionsPerInstance();

        /** Instances tried for one request when connecting fails. */
        @WithDefault("3")
        int maxAttempts();

        /** Pause between attempts while Kafka or the registry's snapshot is not available. */
        @WithDefault("1s")
        Duration snapshotRetry();
    }

    interface ServiceRegistry {
        /** Base URL of the service-registry's query API ({@code RUNWAY_SERVICE_REGISTRY_URL}). */
        String url();

        /** Timeout of one snapshot request. */
        @WithDefault("5s")
        Duration timeout();
    }

    interface Kafka {
        /** {@code RUNWAY_KAFKA_BOOTSTRAP_SERVERS}. */
        String bootstrapServers();
    }
}
