package dev.runway.router.proxy;

import io.vertx.core.MultiMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which headers cross the proxy. Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection
 * and stop here, as do the headers the {@code Connection} header names.
 */
final class ForwardedHeaders {

    private static final List<String> HOP_BY_HOP = List.of(
            "connection", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade");

    /**
     * Copies the end-to-end headers of a request into {@code out} (the instance's request), and
     * tells the instance who asked. The router is the platform's edge: what a client says about
     * who it is ({@code X-Forwarded-For}, {@code Forwarded}, {@code X-Real-IP}) is replaced, never
     * passed on, so an app that trusts these headers cannot be lied to through Runway.
     */
    static MultiMap toUpstream(MultiMap incoming, MultiMap out, String clientAddress, String scheme) {
        copyEndToEnd(incoming, out);
        // The router answers 100-continue itself; the instance sees an ordinary request.
        out.remove("expect");
        out.remove("forwarded");
        out.set("X-Forwarded-For", clientAddress);
        out.set("X-Real-IP", clientAddress);
        String host = incoming.get("host");
        if (host != null) {
            out.set("X-Forwarded-Host", host);
        }
        out.set("X-Forwarded-Proto", scheme);
        return out;
    }

    /** Copies the end-to-end headers of a response. */
    static void toClient(MultiMap upstream, MultiMap out) {
        copyEndToEnd(upstream, out);
    }

    /** Whether the message body arrives with chunked transfer coding. */
    static boolean isChunked(MultiMap headers) {
        return headers.getAll("transfer-encoding").stream()
                .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"));
    }

    /**
     * Whether an HTTP/1 request has no body: neither a length above zero nor a transfer coding
     * (RFC 9112 §6.3). HTTP/2 requests say so only by how their stream ends: not known up front.
     */
    static boolean hasNoBody(io.vertx.core.http.HttpVersion version, MultiMap headers) {
        if (version == io.vertx.core.http.HttpVersion.HTTP_2) {
            return false;
        }
        if (headers.contains("transfer-encoding")) {
            return false;
        }
        String length = headers.get("content-length");
        return length == null || length.strip().equals("0");
    }

    /** Whether a request asks to become a WebSocket: {@code Upgrade: websocket} named by {@code Connection}. */
    static boolean isWebSocketUpgrade(io.vertx.core.http.HttpServerRequest request) {
        if (request.version() == io.vertx.core.http.HttpVersion.HTTP_2) {
            return false;
        }
        String upgrade = request.getHeader("upgrade");
        if (upgrade == null || !upgrade.toLowerCase(Locale.ROOT).contains("websocket")) {
            return false;
        }
        return request.headers().getAll("connection").stream()
                .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("upgrade"));
    }

    static boolean isHopByHop(String name) {
        // compared without lower-casing a copy of every header name: this runs for each header of
        // each request and response
        for (String hop : HOP_BY_HOP) {
            if (hop.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return name.regionMatches(true, 0, "proxy-", 0, 6);
    }

    private static void copyEndToEnd(MultiMap from, MultiMap to) {
        // Usually Connection says only keep-alive or close: nothing more to drop, no set to build.
        Set<String> named = Set.of();
        if (from.contains("connection")) {
            for (String value : from.getAll("connection")) {
                for (String token : value.split(",")) {
                    String name = token.strip().toLowerCase(Locale.ROOT);
                    if (!name.equals("close") && !isHopByHop(name)) {
                        if (named.isEmpty()) {
                            named = new HashSet<>();
                        }
                        named.add(name);
                    }
                }
            }
        }
        for (Map.Entry<String, String> header : from) {
            String name = header.getKey();
            if (!isHopByHop(name) && (named.isEmpty() || !named.contains(name.toLowerCase(Locale.ROOT)))) {
                to.add(name, header.getValue());
            }
        }
    }

    private ForwardedHeaders() {
    }
}
