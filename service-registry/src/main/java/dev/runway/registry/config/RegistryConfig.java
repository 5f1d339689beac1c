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

    /**
     * How many of a service's last healthy revisions it keeps (RUNWAY_REVISIONS_KEPT), Runway's
     * extension: kept revisions can take traffic again; only those with traffic run instances.
     */
    @io.smallrye.config.WithName("revisions-kept")
    @WithDefault("3")
    int revisionsKept();

    Outbox outbox();

    Credentials credentials();

    Acme acme();

    InternalAuth internalAuth();

    /**
     * The event store's login, read per connection by store.DatabaseCredentials; declared here so
     * the runway.db.* properties map to this root (an unmapped one fails the start, SRCFG00050).
     */
    Db db();

    interface Db {
        @WithDefault("runway")
        String user();

        @WithDefault("runway")
        String password();

        /** RUNWAY_DB_PASSWORD_FILE: when set, the password is read from it for each new connection. */
        java.util.Optional<String> passwordFile();
    }

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

    /** Who may call {@code /internal/*} (docs/security.md, "Internal HTTP"). */
    interface InternalAuth {
        /** Every component's credential, a file {@code <component>} or {@code <component>/token}; none: all refused. */
        java.util.Optional<String> tokensDir();
    }

    interface Credentials {
        /** The 32-byte key that encrypts secret access keys at rest; created (0600) when missing. */
        String keyFile();
    }

    /** Certificates for custom domains from an ACME CA (unset directory: none are issued). */
    interface Acme {
        /** The CA's directory URL (RUNWAY_ACME_DIRECTORY), e.g. Let's Encrypt's. */
        java.util.Optional<String> directory();

        /** The account's contact address (RUNWAY_ACME_EMAIL). */
        java.util.Optional<String> email();

        /** A PEM file of roots trusted for the directory's HTTPS besides the JVM's (RUNWAY_ACME_CA_CERT). */
        java.util.Optional<String> caCert();

        /** External account binding: key id and base64url HMAC key (RUNWAY_ACME_EAB_KID, _EAB_HMAC_KEY). */
        java.util.Optional<String> eabKid();

        java.util.Optional<String> eabHmacKey();

        /** The account's key pair (PEM, 0600), made when missing. */
        String accountKeyFile();

        /** Attempts to reach the CA before a domain ends CREATE_FAILED; the pause doubles after each. */
        @WithDefault("5")
        int attempts();

        @WithDefault("2s")
        Duration retryDelay();

        /**
         * An executable that publishes and removes DNS-01 TXT records (RUNWAY_ACME_DNS_HOOK), for
         * wildcard domains; none: wildcards end CREATE_FAILED saying so.
         */
        java.util.Optional<String> dnsHook();

        /** How long one call of the DNS hook may take, record propagation included. */
        @WithDefault("120s")
        Duration dnsHookTimeout();

        /**
         * Also the platform's own {@code *.<domain>} certificate for every service URL
         * (RUNWAY_ACME_PLATFORM_WILDCARD), over DNS-01 through the hook.
         */
        @WithDefault("false")
        boolean platformWildcard();

        /** How often the issuer looks for domains to certify or renew. */
        @WithDefault("1s")
        Duration period();
    }
}
