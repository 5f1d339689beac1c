package dev.runway.router.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
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

        /** How long a request may wait for a place and for its instance's answer to begin; then 504. */
        @WithDefault("120s")
        Duration requestTimeout();

        /**
         * How long a request for a service at zero instances (Runway's scale to zero) is held while
         * the service wakes; then 503 with Retry-After.
         */
        @WithDefault("30s")
        Duration coldStartTimeout();

        /** Requests one instance serves at once when the registry does not say (App Runner's default). */
        @WithDefault("100")
        int defaultMaxConcurrency();

        /** The most instances of a service when the registry does not say (App Runner's default). */
        @WithDefault("25")
        int defaultMaxSize();

        /** Requests a service at MaxSize with every instance full may keep waiting; more get 429. */
        @WithDefault("100")
        int queueSize();

        /**
         * How long a client connection may stay without a request in flight: a request head must
         * arrive whole within it (slowloris), and an idle kept-alive connection is closed after it.
         */
        @WithDefault("15s")
        Duration headerTimeout();

        /** Client connections open at once; more are closed as they arrive. */
        @WithDefault("10000")
        int maxClientConnections();

        /** How often traffic figures go to runway.metrics (one message per service and period). */
        @WithDefault("1s")
        Duration metricsPeriod();

        /**
         * The TLS listener's port ({@code RUNWAY_ROUTER_TLS_PORT}: 8443 in dev, 443 in production);
         * negative: no TLS listener.
         */
        @WithDefault("8443")
        int tlsPort();

        /** PEM chain (leaf first) served by default ({@code RUNWAY_ROUTER_TLS_CERT}); with {@link #tlsKey()}. */
        Optional<Path> tlsCert();

        /** Its PKCS#8 PEM private key ({@code RUNWAY_ROUTER_TLS_KEY}). */
        Optional<Path> tlsKey();

        /** A directory of further pairs, {@code <name>.crt} + {@code <name>.key} ({@code RUNWAY_ROUTER_TLS_DIR}). */
        Optional<Path> tlsDir();

        /**
         * The platform's issuing CA ({@code RUNWAY_ROUTER_TLS_ISSUER_CERT}, PEM): with its key it
         * makes a certificate for each routed host one label under {@link #domain()} that no other
         * certificate names (a wildcard over {@code localhost} is refused by clients).
         */
        Optional<Path> tlsIssuerCert();

        /** Its PKCS#8 key ({@code RUNWAY_ROUTER_TLS_ISSUER_KEY}). */
        Optional<Path> tlsIssuerKey();

        /** The domain of service URLs ({@code RUNWAY_DOMAIN}). */
        @WithDefault("localhost")
        String domain();

        /** How often the certificate files are checked for changes (a renewal is served without a restart). */
        @WithDefault("10s")
        Duration tlsReloadPeriod();

        /**
         * Plain-HTTP requests for a host that has a certificate answer 308 to https
         * ({@code RUNWAY_ROUTER_HTTPS_REDIRECT}).
         */
        @WithDefault("false")
        boolean httpsRedirect();

        /** {@code Strict-Transport-Security} max-age in seconds on answers over TLS; 0: none ({@code RUNWAY_ROUTER_HSTS_MAX_AGE}). */
        @WithDefault("0")
        long hstsMaxAge();

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
