package dev.runway.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which paths skip SigV4: health, the registry's notifications, push webhooks (HMAC-checked instead). */
class AuthRoutesTest {

    @Test
    void shouldExemptOnlyHealthNotificationsAndPushWebhooks() {
        assertTrue(AuthRoutes.exempt("/q/health/ready"));
        assertTrue(AuthRoutes.exempt("/registry/events"));
        assertTrue(AuthRoutes.exempt("/registry/token"));
        assertFalse(AuthRoutes.exempt("/registry/tokens"));
        assertTrue(AuthRoutes.exempt("/webhooks/push/my-github"));
        assertFalse(AuthRoutes.exempt("/"));
        assertFalse(AuthRoutes.exempt("/runway/connections/complete"));
        assertFalse(AuthRoutes.exempt("/webhooks/pushy"));
        assertFalse(AuthRoutes.exempt("/webhooks/push"));
        // the console checks its own sessions (console.SessionFilter)
        assertTrue(AuthRoutes.exempt("/console"));
        assertTrue(AuthRoutes.exempt("/console/services"));
        assertFalse(AuthRoutes.exempt("/consoles"));
    }
}
