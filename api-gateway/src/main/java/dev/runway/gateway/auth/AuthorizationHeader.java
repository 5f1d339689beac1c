package dev.runway.gateway.auth;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of {@code Authorization: AWS4-HMAC-SHA256 Credential=<key>/<yyyyMMdd>/<region>/<service>/aws4_request,
 * SignedHeaders=<a;b;c>, Signature=<hex>}.
 */
record AuthorizationHeader(String accessKeyId, String date, String region, String service, String terminator,
        List<String> signedHeaders, String signature) {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    static AuthorizationHeader parse(String header) throws AuthFailure {
        String value = header.trim();
        if (!value.startsWith(ALGORITHM + " ") && !value.startsWith(ALGORITHM + ",")) {
            String algorithm = value.split("[\\s,]", 2)[0];
            throw AuthFailure.incomplete("Unsupported signing algorithm '" + algorithm + "': Runway accepts "
                    + ALGORITHM + " (Signature Version 4) only.");
        }
        Map<String, String> parts = new HashMap<>();
        for (String part : value.substring(ALGORITHM.length()).split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq > 0) {
                parts.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
            }
        }
        StringBuilder missing = new StringBuilder();
        for (String required : List.of("Credential", "SignedHeaders", "Signature")) {
            if (!parts.containsKey(required) || parts.get(required).isEmpty()) {
                missing.append("Authorization header requires '").append(required).append("' parameter. ");
            }
        }
        if (missing.length() > 0) {
            throw AuthFailure.incomplete(missing.toString().trim());
        }
        String[] scope = parts.get("Credential").split("/", -1);
        if (scope.length != 5 || Arrays.stream(scope).anyMatch(String::isEmpty)) {
            throw AuthFailure.incomplete("Credential must have exactly 5 slash-delimited elements, e.g."
                    + " keyid/date/region/service/term, got '" + parts.get("Credential") + "'.");
        }
        String signature = parts.get("Signature");
        if (!signature.matches("[0-9a-f]{64}")) {
            throw AuthFailure.incomplete("Signature must be 64 lowercase hexadecimal characters.");
        }
        List<String> signed = List.of(parts.get("SignedHeaders").split(";"));
        return new AuthorizationHeader(scope[0], scope[1], scope[2], scope[3], scope[4], signed, signature);
    }
}
