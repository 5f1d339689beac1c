package dev.runway.gateway.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void shouldSignWithEveryKeyInForceTheCurrentFirst() {
        byte[] current = "new-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        byte[] old = "old-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        WebhookSender one = new WebhookSender("new-key-0123456789abcdef");
        assertEquals("t=1700000000,v1=" + WebhookSender.sign(current, "1700000000.{}"), one.signature(1700000000, "{}"));
        WebhookSender both = new WebhookSender(() -> List.of("new-key-0123456789abcdef", "old-key-0123456789abcdef"));
        assertEquals("t=1700000000,v1=" + WebhookSender.sign(current, "1700000000.{}") + ",v1="
                + WebhookSender.sign(old, "1700000000.{}"), both.signature(1700000000, "{}"));
        // the HMAC a subscriber computes: a known HMAC-SHA256 value
        assertEquals("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
                WebhookSender.sign("key".getBytes(StandardCharsets.UTF_8), "The quick brown fox jumps over the lazy dog"));
    }
}
