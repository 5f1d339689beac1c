package dev.runway.gateway.auth;

import java.util.List;
import java.util.Map;

/**
 * A request as it arrived, as much as SigV4 covers: method, the path as sent (still
 * percent-encoded), the decoded query parameters, the headers (names lower-case, every value in
 * arrival order) and the body's bytes.
 */
record ReceivedRequest(String method, String rawPath, Map<String, List<String>> query,
        Map<String, List<String>> headers, byte[] body) {

    /** The first value of a header, or null. */
    String header(String lowerCaseName) {
        List<String> values = headers.get(lowerCaseName);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
