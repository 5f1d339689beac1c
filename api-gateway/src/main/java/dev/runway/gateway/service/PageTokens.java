package dev.runway.gateway.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.query.Page;
import dev.runway.events.wire.Json;
import dev.runway.gateway.protocol.ApiError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Function;

/** Opaque NextToken values: which list they belong to and where the next page starts. */
final class PageTokens {

    static String encode(String list, int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("runway:1:" + list + ":" + offset).getBytes(StandardCharsets.UTF_8));
    }

    /** The offset a token stands for; 0 without a token; InvalidRequestException for a token of another list or forged. */
    static int decode(String list, String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
            if (parts.length == 4 && parts[0].equals("runway") && parts[1].equals("1") && parts[2].equals(list)) {
                int offset = Integer.parseInt(parts[3]);
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw ApiError.invalidRequest("NextToken is not valid for this request. Pass the NextToken from the previous"
                + " response unchanged, or leave it out to start from the first page.");
    }

    /** A list operation's output: the page's items under {@code member}, and NextToken when more follow. */
    static <T> ObjectNode output(String member, String list, Page<T> page, Function<T, ObjectNode> shape) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode items = out.putArray(member);
        page.items().forEach(item -> items.add(shape.apply(item)));
        if (page.nextOffset() != null) {
            out.put("NextToken", encode(list, page.nextOffset()));
        }
        return out;
    }

    private PageTokens() {
    }
}
