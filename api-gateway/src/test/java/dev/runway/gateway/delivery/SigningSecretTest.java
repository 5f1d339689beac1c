package dev.runway.gateway.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SigningSecretTest {

    @Test
    void shouldRefuseToStartWithoutAKeyOfThisInstallationsOwn() {
        var missing = assertThrows(IllegalStateException.class, () -> DeliveryWorker.signingSecret(Optional.empty()));
        assertTrue(missing.getMessage().contains("RUNWAY_EVENTS_SIGNING_SECRET is not set"), missing.getMessage());
        assertThrows(IllegalStateException.class, () -> DeliveryWorker.signingSecret(Optional.of("  ")));
        var known = assertThrows(IllegalStateException.class,
                () -> DeliveryWorker.signingSecret(Optional.of("runway-dev-signing-secret")));
        assertTrue(known.getMessage().contains("known or short"), known.getMessage());
        assertThrows(IllegalStateException.class, () -> DeliveryWorker.signingSecret(Optional.of("0123456789")));
    }

    @Test
    void shouldTakeARandomKey() {
        String key = "5f0c2a9be1d34477a0c6e8f1b2d3c4a5";
        assertEquals(key, DeliveryWorker.signingSecret(Optional.of(key + "\n")));
    }
}
