package dev.runway.gateway.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One HTTP delivery: POST of the body with the target's headers and a signature the subscriber
 * verifies: {@code X-Runway-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>}.
 * While a rotated key is in its grace, a second {@code v1=} follows, by the replaced key (as
 * Stripe sends one per key): a subscriber accepts the delivery when any {@code v1} matches its key.
 */
public final class WebhookSender {

    public static final String SIGNATURE_HEADER = "X-Runway-Signature";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final Supplier<List<String>> secrets;

    /** {@code secrets}: the keys in force at each delivery, the current one first. */
    public WebhookSender(Supplier<List<String>> secrets) {
        this.secrets = secrets;
    }

    public WebhookSender(String secret) {
        this(() -> List.of(secret));
    }

    /** The header's value for {@code body} at {@code t}: one {@code v1} per key in force. */
    String signature(long t, String body) {
        StringBuilder value = new StringBuilder("t=").append(t);
        for (String key : secrets.get()) {
            value.append(",v1=").append(sign(key.getBytes(StandardCharsets.UTF_8), t + "." + body));
        }
        return value.toString();
    }

    /** Null when the endpoint answered 2xx; otherwise why not, in words for the dead-letter record. */
    public String post(String url, Map<String, String> headers, String body, String eventId, String rule, int attempt) {
        long t = System.currentTimeMillis() / 1000;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header(SIGNATURE_HEADER, signature(t, body))
                .header("X-Runway-Event-Id", eventId)
                .header("X-Runway-Rule", rule)
                .header("X-Runway-Delivery-Attempt", Integer.toString(attempt))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2 ? null : "the endpoint answered HTTP " + response.statusCode();
        } catch (java.io.IOException e) {
            return "the endpoint could not be reached: " + e;
        } catch (IllegalArgumentException e) {
            return "the request could not be made: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Hex HMAC-SHA256 of {@code text}: what a subscriber computes to check a delivery. */
    public static String sign(byte[] secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
