package dev.runway.deployworker.socketproxy;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The part of an engine API request a policy judges: the method, the path as the engine reads it
 * (percent-decoded, without the {@code /v1.41} prefix) and the query parameters.
 */
public record EngineRequest(String method, String path, Map<String, List<String>> query) {

    private static final Pattern VERSION_PREFIX = Pattern.compile("^/v[0-9]{1,2}\\.[0-9]{1,3}(?=/)");

    /**
     * Reads a request target ({@code /v1.41/containers/json?all=1}). A path the engine might read
     * differently from the proxy (dot segments, empty segments, control characters, a bad escape)
     * is refused with {@link IllegalArgumentException}, so no allow-list entry can be walked around.
     */
    public static EngineRequest of(String method, String target) {
        int q = target.indexOf('?');
        String rawPath = q < 0 ? target : target.substring(0, q);
        String rawQuery = q < 0 ? "" : target.substring(q + 1);
        if (!rawPath.startsWith("/")) {
            throw new IllegalArgumentException("the request target " + target + " is not an absolute path");
        }
        String path = decodePath(rawPath);
        for (char c : path.toCharArray()) {
            if (c < 0x21 || c == 0x7f || c == '\\' || c == '#') {
                throw new IllegalArgumentException("the path " + rawPath + " holds a character the proxy does not forward");
            }
        }
        if (path.contains("//") || path.contains("/./") || path.contains("/../") || path.endsWith("/.")
                || path.endsWith("/..")) {
            throw new IllegalArgumentException("the path " + rawPath + " is not in normal form");
        }
        path = VERSION_PREFIX.matcher(path).replaceFirst("");
        return new EngineRequest(method, path, parseQuery(rawQuery));
    }

    /** The first value of a query parameter, or null. */
    public String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The engine's boolean query values: 1, true and True are true; absent, 0, false are false. */
    public boolean flag(String name) {
        String value = param(name);
        return value != null && !value.isEmpty() && !value.equals("0") && !value.equalsIgnoreCase("false");
    }

    @Override
    public String toString() {
        return method + " " + path;
    }

    private static String decodePath(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        var out = new ByteArrayOutputStream();
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%') {
                if (i + 2 >= bytes.length) {
                    throw new IllegalArgumentException("the path " + raw + " has a bad %-escape");
                }
                int hi = Character.digit(bytes[i + 1], 16);
                int lo = Character.digit(bytes[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("the path " + raw + " has a bad %-escape");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, List<String>> parseQuery(String raw) {
        var query = new LinkedHashMap<String, List<String>>();
        if (raw.isEmpty()) {
            return query;
        }
        if (raw.indexOf(';') >= 0) {
            // engines built with Go before 1.17 split a query at ';' too: the proxy would judge other parameters
            throw new IllegalArgumentException("the query holds a ';', which the proxy does not forward");
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the query parameter " + pair + " has a bad %-escape");
            }
        }
        return query;
    }
}
