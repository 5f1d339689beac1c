package dev.runway.gateway.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The gateway's three rotatable secrets, each read from its file when it changes
 * ({@link RotatingSecret}; docs/security.md, "Rotating").
 */
@ApplicationScoped
public class GatewaySecrets {

    /** A replaced stream token opens streams this long more (as a replaced internal API token). */
    public static final Duration STREAM_TOKEN_GRACE = Duration.ofSeconds(10);
    /**
     * A replaced notification token is taken this long more: the image registry is restarted with
     * the new one, and its old process may still send notifications while it finishes its
     * requests (its {@code http.draintimeout}, 20 s).
     */
    public static final Duration NOTIFY_TOKEN_GRACE = Duration.ofSeconds(60);

    private final RotatingSecret signing;
    private final RotatingSecret stream;
    private final RotatingSecret notify;

    public GatewaySecrets(GatewayConfig config) {
        signing = new RotatingSecret(config.events().signingSecretFile(), config.events().signingSecret(),
                config.events().signingSecretGrace());
        stream = new RotatingSecret(config.events().streamTokenFile(), config.events().streamToken(), STREAM_TOKEN_GRACE);
        notify = new RotatingSecret(config.auth().registryNotificationTokenFile(), config.auth().registryNotificationToken(),
                NOTIFY_TOKEN_GRACE);
    }

    /** The HMAC key of webhook deliveries (X-Runway-Signature). */
    public RotatingSecret signing() {
        return signing;
    }

    /** The token {@code GET /events/stream} takes besides SigV4. */
    public RotatingSecret streamToken() {
        return stream;
    }

    /** The token the image registry sends with its push notifications. */
    public RotatingSecret notificationToken() {
        return notify;
    }
}
