package dev.runway.registry.secrets;

import dev.runway.registry.service.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Pages of a list answer for the SSM and Secrets Manager operations: the token is the offset of
 * the next page, opaque to callers; a token not made here is refused with the API's own error type.
 */
public final class ListPages {

    private static final String PREFIX = "runway-page:";

    /** One page of {@code all} and the token of the next page (null on the last). */
    public record Page<T>(List<T> items, String nextToken) {
    }

    public static <T> Page<T> page(List<T> all, String token, int size, String badTokenType) throws Rejection {
        int offset = offset(token, badTokenType);
        int end = Math.min(all.size(), offset + size);
        List<T> items = offset >= all.size() ? List.of() : all.subList(offset, end);
        String next = end < all.size() ? Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + end).getBytes(StandardCharsets.UTF_8)) : null;
        return new Page<>(items, next);
    }

    private static int offset(String token, String badTokenType) throws Rejection {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                int offset = Integer.parseInt(text.substring(PREFIX.length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw new Rejection(badTokenType, "The NextToken is not one this API gave: pass the NextToken of the previous"
                + " answer unchanged, or none for the first page.");
    }

    /** A caller's text in a message: at most 200 characters, control characters shown as '?'. */
    public static String shown(String text) {
        if (text == null) {
            return "null";
        }
        String cut = text.length() > 200 ? text.substring(0, 200) + "…" : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    private ListPages() {
    }
}
