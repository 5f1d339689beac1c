package dev.runway.gateway.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.query.Page;
import dev.runway.events.wire.Json;
import dev.runway.gateway.protocol.ApiError;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, tamper-evident NextToken values: which list (and filter) they belong to, where the next
 * page starts, when they were issued, and an HMAC over all of it. A token that was changed, belongs
 * to another list, is older than {@link #VALIDITY}, or comes from before a restart of the gateway
 * (the key is per process unless RUNWAY_PAGE_TOKEN_KEY sets one) is refused with 400.
 */
public final class PageTokens {

    static final Duration VALIDITY = Duration.ofHours(24);
    private static final byte[] KEY = key();

    public static String encode(String list, int offset) {
        long issued = Instant.now().getEpochSecond();
        String body = "runway:2:" + offset + ":" + issued;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (body + ":" + mac(list + "|" + body)).getBytes(StandardCharsets.UTF_8));
    }

    /** The offset a token stands for; 0 without a token; InvalidRequestException for a forged, foreign or stale token. */
    public static int decode(String list, String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int lastColon = text.lastIndexOf(':');
            String body = lastColon < 0 ? "" : text.substring(0, lastColon);
            String[] parts = body.split(":");
            if (parts.length == 4 && parts[0].equals("runway") && parts[1].equals("2")
                    && MessageDigest.isEqual(mac(list + "|" + body).getBytes(StandardCharsets.UTF_8),
                    text.substring(lastColon + 1).getBytes(StandardCharsets.UTF_8))) {
                int offset = Integer.parseInt(parts[2]);
                long issued = Long.parseLong(parts[3]);
                if (Instant.now().getEpochSecond() - issued > VALIDITY.toSeconds()) {
                    throw ApiError.invalidRequest("NextToken has expired (tokens are valid for "
                            + VALIDITY.toHours() + " hours). Start again without NextToken.");
                }
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw ApiError.invalidRequest("NextToken is not valid for this request. Pass the NextToken from the previous"
                + " response unchanged, with the same other parameters, or leave it out to start from the first page.");
    }

    /** A list operation's output: the page's items under {@code member}, and NextToken when more follow. */
    public static <T> ObjectNode output(String member, String list, Page<T> page, Function<T, ObjectNode> shape) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode items = out.putArray(member);
        page.items().forEach(item -> items.add(shape.apply(item)));
        if (page.nextOffset() != null) {
            out.put("NextToken", encode(list, page.nextOffset()));
        }
        return out;
    }

    private static String mac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            byte[] sum = mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sum).substring(0, 22);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] key() {
        String configured = System.getenv("RUNWAY_PAGE_TOKEN_KEY");
        if (configured != null && !configured.isBlank()) {
            return configured.getBytes(StandardCharsets.UTF_8);
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return random;
    }

    private PageTokens() {
    }
}
