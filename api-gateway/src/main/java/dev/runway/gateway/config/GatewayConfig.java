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

    Auth auth();

    RegistryAuth registryAuth();

    /** The image registry's token service (registryauth.RegistryTokenResource; docs/security.md, "Image registry"). */
    interface RegistryAuth {
        /** The RSA key (PKCS#8 PEM) tokens are signed with; its certificate is the registry's rootcertbundle. */
        java.util.Optional<String> keyFile();

        /** The tokens' {@code iss}: the registry's {@code auth.token.issuer}. */
        @WithDefault("runway")
        String issuer();

        /** The tokens' {@code aud}: the registry's {@code auth.token.service}. */
        @WithDefault("runway-registry")
        String service();

        /** Where the workers' registry passwords are (a file, or a directory with {@code password}, per component). */
        java.util.Optional<String> credentialsDir();

        /** How long a token is good for (Docker asks again for each push or pull). */
        @WithDefault("5m")
        Duration tokenTtl();
    }

    Events events();

    interface Events {
        /**
         * The HMAC-SHA256 key webhook deliveries are signed with (X-Runway-Signature); random per
         * installation. Checked at start by {@code delivery.DeliveryWorker}.
         */
        java.util.Optional<String> signingSecret();

        /**
         * The file holding the signing key, read again when it changes (a rotation); wins over
         * {@link #signingSecret()}. The replaced key, in {@code <file>.previous}, signs too for
         * {@link #signingSecretGrace()} ({@code config.RotatingSecret}).
         */
        java.util.Optional<String> signingSecretFile();

        /** How long deliveries carry a signature by the replaced key too, so subscribers can switch. */
        @WithDefault("24h")
        Duration signingSecretGrace();

        /**
         * The token {@code GET /events/stream} accepts as {@code Authorization: Bearer <token>} or
         * {@code ?token=} besides SigV4; unset: SigV4 only.
         */
        java.util.Optional<String> streamToken();

        /** The file holding the stream token, read again when it changes; wins over {@link #streamToken()}. */
        java.util.Optional<String> streamTokenFile();

        /**
         * Internal addresses webhooks may go to after all ({@code RUNWAY_EVENT_TARGET_ALLOW}; see
         * {@code net.AddressGuard}); unset: none.
         */
        java.util.Optional<String> targetAllow();

        /** The ports of the platform's components: never a webhook target, allow-list or not. */
        java.util.List<Integer> platformPorts();
    }

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

        /** A connection the gateway has written nothing to for this long is closed (edge.SlowClientTimeout). */
        @WithDefault("20s")
        Duration headerTimeout();
    }

    interface Auth {
        /** {@code on} (default): every API request must carry a valid SigV4 signature; {@code off}: none is checked. */
        @WithDefault("on")
        String mode();

        /** How long a looked-up access key (or its absence) is trusted before the registry is asked again. */
        @WithDefault("5s")
        Duration cacheTtl();

        /**
         * The bearer token the platform image registry sends with its push notifications
         * ({@code POST /registry/events}); when unset, notifications are taken without one.
         */
        java.util.Optional<String> registryNotificationToken();

        /** The file holding that token, read again when it changes; wins over {@link #registryNotificationToken()}. */
        java.util.Optional<String> registryNotificationTokenFile();
    }
}
