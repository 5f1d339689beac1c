package dev.runway.router.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardedHeadersTest {

    @Test
    void shouldDropHopByHopHeadersAndThoseConnectionNames() {
        MultiMap in = MultiMap.caseInsensitiveMultiMap()
                .add("Host", "demo.localhost:8080")
                .add("Connection", "keep-alive, X-Private")
                .add("Keep-Alive", "timeout=5")
                .add("Proxy-Authorization", "Basic c2VjcmV0")
                .add("Proxy-Connection", "keep-alive")
                .add("TE", "trailers")
                .add("Trailer", "Expires")
                .add("Transfer-Encoding", "chunked")
                .add("Upgrade", "websocket")
                .add("Expect", "100-continue")
                .add("X-Private", "1")
                .add("Accept", "text/html")
                .add("Cookie", "a=1")
                .add("Cookie", "b=2");

        MultiMap out = ForwardedHeaders.toUpstream(in, MultiMap.caseInsensitiveMultiMap(), "127.0.0.9", "http");

        for (String dropped : List.of("Connection", "Keep-Alive", "Proxy-Authorization", "Proxy-Connection", "TE",
                "Trailer", "Transfer-Encoding", "Upgrade", "Expect", "X-Private")) {
            assertNull(out.get(dropped), dropped);
        }
        assertEquals("demo.localhost:8080", out.get("Host"));
        assertEquals("text/html", out.get("Accept"));
        assertEquals(List.of("a=1", "b=2"), out.getAll("Cookie"));
        assertEquals("127.0.0.9", out.get("X-Forwarded-For"));
        assertEquals("demo.localhost:8080", out.get("X-Forwarded-Host"));
        assertEquals("http", out.get("X-Forwarded-Proto"));
    }

    @Test
    void shouldReplaceWhatTheClientSaysAboutWhoItIs() {
        MultiMap in = MultiMap.caseInsensitiveMultiMap()
                .add("X-Forwarded-For", "203.0.113.7")
                .add("X-Forwarded-For", "198.51.100.1")
                .add("Forwarded", "for=203.0.113.7")
                .add("X-Real-IP", "203.0.113.7")
                .add("X-Forwarded-Proto", "https");

        MultiMap out = ForwardedHeaders.toUpstream(in, MultiMap.caseInsensitiveMultiMap(), "127.0.0.1", "http");

        assertEquals(List.of("127.0.0.1"), out.getAll("X-Forwarded-For"));
        assertEquals(List.of("127.0.0.1"), out.getAll("X-Real-IP"));
        assertEquals(List.of(), out.getAll("Forwarded"));
        assertEquals(List.of("http"), out.getAll("X-Forwarded-Proto"));
    }

    @Test
    void shouldKeepEndToEndResponseHeaders() {
        MultiMap upstream = MultiMap.caseInsensitiveMultiMap()
                .add("Content-Type", "text/plain")
                .add("Content-Length", "5")
                .add("Set-Cookie", "a=1")
                .add("Set-Cookie", "b=2")
                .add("Connection", "close")
                .add("Transfer-Encoding", "chunked");
        MultiMap out = MultiMap.caseInsensitiveMultiMap();

        ForwardedHeaders.toClient(upstream, out);

        assertEquals("5", out.get("Content-Length"));
        assertEquals(List.of("a=1", "b=2"), out.getAll("Set-Cookie"));
        assertFalse(out.contains("Connection"));
        assertFalse(out.contains("Transfer-Encoding"));
    }

    @Test
    void shouldRecognizeChunkedBodies() {
        assertTrue(ForwardedHeaders.isChunked(MultiMap.caseInsensitiveMultiMap().add("Transfer-Encoding", "gzip, Chunked")));
        assertFalse(ForwardedHeaders.isChunked(MultiMap.caseInsensitiveMultiMap().add("Content-Length", "3")));
    }

    @Test
    void shouldTellRequestsWithoutABody() {
        assertTrue(ForwardedHeaders.hasNoBody(HttpVersion.HTTP_1_1, MultiMap.caseInsensitiveMultiMap()));
        assertTrue(ForwardedHeaders.hasNoBody(HttpVersion.HTTP_1_0, MultiMap.caseInsensitiveMultiMap().add("Content-Length", "0")));
        assertFalse(ForwardedHeaders.hasNoBody(HttpVersion.HTTP_1_1, MultiMap.caseInsensitiveMultiMap().add("Content-Length", "12")));
        assertFalse(ForwardedHeaders.hasNoBody(HttpVersion.HTTP_1_1, MultiMap.caseInsensitiveMultiMap().add("Transfer-Encoding", "chunked")));
        // HTTP/2 says it only by how the stream ends
        assertFalse(ForwardedHeaders.hasNoBody(HttpVersion.HTTP_2, MultiMap.caseInsensitiveMultiMap()));
    }
}
