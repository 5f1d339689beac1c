package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** GET /events/stream: server-sent events filtered by a pattern, resumable with Last-Event-ID. */
class EventStreamTest {

    /** The stream token as it is now (./runway credentials rotate event-stream replaces it). */
    static String token() {
        return Platform.profileSecret("events-stream-token");
    }

    /**
     * HTTP/1.1 as EventSource and the AWS clients speak it: the JDK's default h2c upgrade turns
     * the Host header into :authority, which the gateway's SigV4 check does not read.
     */
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** One open stream: SSE lines arrive on a queue. */
    static final class Stream implements AutoCloseable {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response;
        /** Completed when the gateway ends the stream (or it fails). */
        final java.util.concurrent.CompletableFuture<Void> ended = new java.util.concurrent.CompletableFuture<>();

        /** Opened with the stream token, or signed with SigV4 (the admin key) when {@code signed}. */
        Stream(String pattern, String lastEventId, boolean signed) {
            this(pattern, lastEventId, signed ? null : token(), signed);
        }

        /** Opened with {@code token}. */
        Stream(String pattern, String token) {
            this(pattern, null, token, false);
        }

        private Stream(String pattern, String lastEventId, String token, boolean signed) {
            String path = "/events/stream?pattern=" + URLEncoder.encode(pattern, StandardCharsets.UTF_8);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Platform.GATEWAY + path));
            if (signed) {
                signed(request, path, Platform.SECRET_ACCESS_KEY);
            } else {
                request.header("Authorization", "Bearer " + token);
            }
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            response = HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
            response.whenComplete((r, failed) -> {
                if (failed != null) {
                    ended.complete(null);
                    return;
                }
                new Thread(() -> {
                    try {
                        r.body().forEach(lines::add);
                    } catch (RuntimeException e) {
                        // closed by us or cut: ended either way
                    }
                    ended.complete(null);
                }).start();
            });
        }

        /** The next {@code n} events as (id, data). */
        List<String[]> next(int n) throws InterruptedException {
            List<String[]> out = new ArrayList<>();
            String id = null;
            long deadline = System.currentTimeMillis() + 60_000;
            while (out.size() < n) {
                String line = lines.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
                if (line == null) {
                    throw new AssertionError("only " + out.size() + " of " + n + " events arrived on the stream");
                }
                if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                    out.add(new String[] {id, line.substring(5).trim()});
                }
            }
            return out;
        }

        void awaitOpen() throws InterruptedException {
            String line = lines.poll(60, TimeUnit.SECONDS);
            assertTrue(line != null && line.startsWith(":"), "the stream opens with a comment, got " + line);
        }

        @Override
        public void close() {
            response.thenAccept(r -> r.body().close());
            response.cancel(true);
        }
    }

    /**
     * Adds SigV4 headers signed with the admin key id and {@code secret} (the Host header the
     * client sends itself), or the stream token when {@code secret} is null.
     */
    static HttpRequest.Builder signed(HttpRequest.Builder request, String path, String secret) {
        if (secret == null) {
            return request.header("Authorization", "Bearer " + token());
        }
        SigV4.headers("GET", path, null, new byte[0], Platform.ACCESS_KEY_ID, secret, java.time.Instant.now(), "events")
                .forEach((name, value) -> {
                    if (!name.equalsIgnoreCase("Host")) {
                        request.header(name, value);
                    }
                });
        return request;
    }

    static void put(String detailType, int n) {
        AwsCli.okOn("events", "put-events", "--entries", "[{\"Source\":\"e2e.stream\",\"DetailType\":\"" + detailType
                + "\",\"Detail\":\"{\\\"n\\\":" + n + "}\"}]");
    }

    @Test
    void shouldStreamMatchingEventsAndResumeAfterTheLastOneSeen() throws Exception {
        String type = Platform.uniqueName("stream");
        String pattern = "{\"source\":[\"e2e.stream\"],\"detail-type\":[\"" + type + "\"]}";
        String lastId;
        try (Stream first = new Stream(pattern, null, false)) {
            first.awaitOpen();
            put(type, 1);
            put("someone-else", 99);
            put(type, 2);
            List<String[]> events = first.next(2);
            assertEquals(List.of(1, 2), events.stream().map(e -> detail(e[1]).path("n").asInt()).toList());
            JsonNode event = AwsCli.JSON.readTree(events.get(0)[1]);
            assertEquals("e2e.stream", event.path("source").asText());
            assertEquals(type, event.path("detail-type").asText());
            lastId = events.get(1)[0];
        }
        put(type, 3);
        put(type, 4);
        // resumed by a SigV4-signed client instead of the token
        try (Stream resumed = new Stream(pattern, lastId, true)) {
            List<String[]> events = resumed.next(2);
            assertEquals(List.of(3, 4), events.stream().map(e -> detail(e[1]).path("n").asInt()).toList(),
                    "resumes right after the last event seen");
        }
        // neither a signature nor a token; a wrong token; a signature with a wrong secret
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(Platform.GATEWAY + "/events/stream"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("MissingAuthenticationTokenException") && refused.body().contains("token"),
                refused.body());
        HttpResponse<String> wrongToken = HTTP.send(HttpRequest.newBuilder(URI.create(Platform.GATEWAY + "/events/stream"))
                .header("Authorization", "Bearer not-the-token").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, wrongToken.statusCode(), wrongToken.body());
        HttpResponse<String> forged = HTTP.send(signed(HttpRequest.newBuilder(URI.create(Platform.GATEWAY + "/events/stream")),
                "/events/stream", "not-the-secret").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, forged.statusCode(), forged.body());
        assertTrue(forged.body().contains("InvalidSignatureException"), forged.body());
        HttpResponse<String> bad = HTTP.send(HttpRequest.newBuilder(URI.create(Platform.GATEWAY + "/events/stream?token="
                + token() + "&pattern=" + URLEncoder.encode("{\"source\":", StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("InvalidEventPatternException"), bad.body());
    }

    static JsonNode detail(String data) {
        try {
            return AwsCli.JSON.readTree(data).path("detail");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
