package dev.runway.router.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.model.Endpoint;
import dev.runway.events.model.ServiceStatus;
import dev.runway.router.route.Route;
import dev.runway.router.route.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy on real sockets: loopback backends on ephemeral ports, the proxy on an ephemeral
 * port, the route table filled by hand. No Quarkus, no Kafka.
 */
class ProxyTest {

    private static final String DEMO = "demo-0123abcd.localhost";

    private static Vertx vertx;
    private static HttpClient client;
    private static Vertx proxyVertx;
    private static final List<HttpServer> backends = new ArrayList<>();
    private static Backend alpha;
    private static Backend beta;
    private static int deadPort;

    private RouteTable table;
    private ProxyServer proxy;

    /** A test instance that echoes what it saw and counts what it served. */
    record Backend(String id, int port, AtomicInteger served, Map<String, Promise<Void>> held) {
        Endpoint endpoint() {
            return new Endpoint(id, "127.0.0.1", port);
        }
    }

    @BeforeAll
    static void startBackends() throws Exception {
        vertx = Vertx.vertx();
        // the router runs on its own Vert.x, as in production, apart from the instances it proxies to
        proxyVertx = Vertx.vertx();
        alpha = backend("alpha");
        beta = backend("beta");
        HttpServer doomed = await(vertx.createHttpServer().requestHandler(r -> r.response().end())
                .listen(0, "127.0.0.1"));
        deadPort = doomed.actualPort();
        await(doomed.close());
    }

    @AfterAll
    static void stopBackends() throws Exception {
        for (HttpServer server : backends) {
            await(server.close());
        }
        await(vertx.close());
        await(proxyVertx.close());
    }

    @BeforeEach
    void startProxy() throws Exception {
        // a client of this test's own: a pooled connection to an earlier test's proxy must never be
        // reused when the system hands this test's proxy the same port again
        client = vertx.createHttpClient();
        table = new RouteTable();
        proxy = new ProxyServer(proxyVertx, table, new ProxySettings("127.0.0.1", 0, 2, Duration.ofSeconds(2),
                Duration.ofSeconds(4), 20, 3));
        await(proxy.start());
        alpha.served().set(0);
        beta.served().set(0);
    }

    @org.junit.jupiter.api.AfterEach
    void stopProxy() throws Exception {
        await(client.close());
        await(proxy.stop());
    }

    @Test
    void shouldPassGetThroughWithStatusHeadersAndForwardedFor() throws Exception {
        given(route("demo", DEMO, ServiceStatus.RUNNING, alpha.endpoint()));

        Reply reply = send(HttpMethod.GET, DEMO, "/hello/world?x=1&y=%20", null,
                Map.of("X-Custom", "kept", "Keep-Alive", "timeout=5", "Proxy-Authorization", "Basic secret",
                        "TE", "trailers", "Connection", "keep-alive, X-Hop", "X-Hop", "dropped"));

        assertEquals(207, reply.status());
        assertEquals("Multi-Echo", reply.statusMessage());
        assertEquals("alpha", reply.headers().get("x-served-by"));
        assertEquals(List.of("a=1", "b=2"), reply.headers().getAll("set-cookie"));
        assertNull(reply.headers().get("x-backend-hop"), "hop-by-hop header named by Connection must not come back");
        Map<String, String> seen = parse(reply.body());
        assertEquals("GET", seen.get("method"));
        assertEquals("/hello/world?x=1&y=%20", seen.get("uri"));
        assertEquals(DEMO + ":" + proxy.port(), seen.get("host"));
        assertEquals("127.0.0.1", seen.get("x-forwarded-for"));
        assertEquals(DEMO + ":" + proxy.port(), seen.get("x-forwarded-host"));
        assertEquals("http", seen.get("x-forwarded-proto"));
        assertEquals("kept", seen.get("x-custom"));
        assertEquals("null", seen.get("keep-alive"));
        assertEquals("null", seen.get("proxy-authorization"));
        assertEquals("null", seen.get("te"));
        assertEquals("null", seen.get("x-hop"));
    }

    @Test
    void shouldReplaceAForwardedForTheClientSent() throws Exception {
        given(route("demo", DEMO, ServiceStatus.RUNNING, alpha.endpoint()));

        Reply reply = send(HttpMethod.GET, DEMO, "/", null, Map.of("X-Forwarded-For", "203.0.113.7"));

        assertEquals("127.0.0.1", parse(reply.body()).get("x-forwarded-for"));
    }

    @Test
    void shouldRouteByHostCaseInsensitivelyWithoutPort() throws Exception {
        given(route("demo", DEMO, ServiceStatus.RUNNING, alpha.endpoint()));

        Reply reply = send(HttpMethod.GET, "Demo-0123ABCD.Localhost", "/", null, Map.of());

        assertEquals(207, reply.status());
    }

    @Test
    void shouldStreamAOneMegabytePostBodyAndItsAnswer() throws Exception {
        given(route("demo", DEMO, ServiceStatus.RUNNING, alpha.endpoint()));
        byte[] body = new byte[1024 * 1024];
        new Random(7).nextBytes(body);

        Reply chunked = sendChunked(DEMO, "/upload", body, 64 * 1024);
        Reply sized = send(HttpMethod.POST, DEMO, "/upload", Buffer.buffer(body), Map.of());

        for (Reply reply : List.of(chunked, sized)) {
            assertEquals(200, reply.status());
            Map<String, String> seen = parse(reply.body());
            assertEquals(Integer.toString(body.length), seen.get("length"));
            assertEquals(sha256(body), seen.get("sha256"));
        }
        assertEquals("chunked", parse(chunked.body()).get("transfer-encoding"));
        assertEquals(Integer.toString(body.length), parse(sized.body()).get("content-length"));
    }

    @Test
    void shouldStreamALargeResponseBody() throws Exception {
        given(route("demo", DEMO, ServiceStatus.RUNNING, alpha.endpoint()));

        Reply reply = send(HttpMethod.GET, DEMO, "/download", null, Map.of());

        assertEquals(200, reply.status());
        assertEquals(2 * 1024 * 1024, reply.body().length());
        assertEquals(download().toString(StandardCharsets.ISO_8859_1),
                reply.body().toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void shouldPassBodilessAnswersAndHead() throws Exception {
        given(route("demo", DEMO, ServiceStatus.RUNNING, alpha.endpoint()));

        Reply noContent = send(HttpMethod.DELETE, DEMO, "/nothing", null, Map.of());
        Reply head = send(HttpMethod.HEAD, DEMO, "/hello", null, Map.of());

        assertEquals(204, noContent.status());
        assertEquals(0, noContent.body().length());
        assertEquals(207, head.status());
        assertEquals(0, head.body().length());
    }

    @Test
    void shouldAnswer404ForAnUnknownHost() throws Exception {
        given(route("demo", DEMO, ServiceStatus.RUNNING, alpha.endpoint()));

        Reply reply = send(HttpMethod.GET, "nope.localhost", "/", null, Map.of());

        assertEquals(404, reply.status());
        assertEquals("text/plain; charset=utf-8", reply.headers().get("content-type"));
        assertEquals("No Runway service is served at host 'nope.localhost'.\n", reply.body().toString());
    }

    @Test
    void shouldAnswer404ForAPostToAnUnknownHostAndKeepServing() throws Exception {
        given(route("demo", DEMO, ServiceStatus.RUNNING, alpha.endpoint()));

        Reply lost = send(HttpMethod.POST, "nope.localhost", "/", Buffer.buffer(new byte[200_000]), Map.of());
        Reply found = send(HttpMethod.GET, DEMO, "/", null, Map.of());

        assertEquals(404, lost.status());
        assertEquals(207, found.status());
    }

    @Test
    void shouldAnswer503WhileAServiceHasNoReadyInstances() throws Exception {
        given(route("idle", "idle-00000000.localhost", ServiceStatus.OPERATION_IN_PROGRESS));

        Reply reply = send(HttpMethod.GET, "idle-00000000.localhost", "/", null, Map.of());

        assertEquals(503, reply.status());
        assertEquals("1", reply.headers().get("retry-after"));
        assertEquals("Service 'idle' has no ready instances yet (status: OPERATION_IN_PROGRESS); try again shortly.\n",
                reply.body().toString());
    }

    @Test
    void shouldAnswer503ForAPausedService() throws Exception {
        given(route("sleepy", "sleepy-00000000.localhost", ServiceStatus.PAUSED));

        Reply reply = send(HttpMethod.GET, "sleepy-00000000.localhost", "/", null, Map.of());

        assertEquals(503, reply.status());
        assertTrue(reply.body().toString().contains("(status: PAUSED)"), reply.body().toString());
    }

    @Test
    void shouldAnswer503BeforeTheRoutesAreLoaded() throws Exception {
        Reply reply = send(HttpMethod.GET, DEMO, "/", null, Map.of());

        assertEquals(503, reply.status());
        assertTrue(reply.body().toString().startsWith("The Runway router is starting"), reply.body().toString());
    }

    @Test
    void shouldAnswer502NamingTheServiceWhenItsInstanceIsDead() throws Exception {
        given(route("dead", "dead-00000000.localhost", ServiceStatus.RUNNING,
                new Endpoint("deadbeef", "127.0.0.1", deadPort)));

        Reply reply = send(HttpMethod.POST, "dead-00000000.localhost", "/", Buffer.buffer("payload"), Map.of());

        assertEquals(502, reply.status());
        assertEquals("Service 'dead' could not answer: its instance deadbeef refused the connection.\n",
                reply.body().toString());
        assertEventually(() -> proxy.inFlight() == 0, "a failed request gives its place back");
    }

    @Test
    void shouldTryAnotherInstanceWhenOneRefusesTheConnection() throws Exception {
        given(route("demo", DEMO, ServiceStatus.RUNNING,
                new Endpoint("deadbeef", "127.0.0.1", deadPort), alpha.endpoint()));

        for (int i = 0; i < 6; i++) {
            assertEquals(207, send(HttpMethod.GET, DEMO, "/", null, Map.of()).status());
        }
        assertEquals(6, alpha.served().get());
    }

    @Test
    void shouldShareLoadBetweenTwoInstances() throws Exception {
        given(route("demo", DEMO, ServiceStatus.RUNNING, alpha.endpoint(), beta.endpoint()));

        for (int i = 0; i < 20; i++) {
            assertEquals(207, send(HttpMethod.GET, DEMO, "/", null, Map.of()).status());
        }

        assertEquals(10, alpha.served().get());
        assertEquals(10, beta.served().get());
    }

    @Test
    void shouldSendNewRequestsToTheLessBusyInstance() throws Exception {
        given(route("demo", DEMO, ServiceStatus.RUNNING, alpha.endpoint(), beta.endpoint()));
        Future<Reply> slow = request(HttpMethod.GET, DEMO, "/hold?key=slow", null, Map.of());
        Backend busy = awaitHeld("slow");
        Backend free = busy == alpha ? beta : alpha;

        for (int i = 0; i < 5; i++) {
            // the client may read an answer a moment before the proxy gives its place back; until
            // then both instances have one in flight, and either is as busy as the other
            assertEventually(() -> proxy.inFlight(free.endpoint()) == 0, "the last answer's place given back");
            Reply reply = send(HttpMethod.GET, DEMO, "/", null, Map.of());
            assertEquals(free.id(), reply.headers().get("x-served-by"), "request " + i + ": in flight to "
                    + busy.id() + " " + proxy.inFlight(busy.endpoint()) + ", to " + free.id() + " "
                    + proxy.inFlight(free.endpoint()));
        }
        assertEventually(() -> proxy.inFlight() == 1, "only the held request is in flight");
        busy.held().remove("slow").complete();

        assertEquals("released", await(slow).body().toString());
        assertEventually(() -> proxy.inFlight() == 0, "every request gives its place back");
    }

    @Test
    void shouldCarryManyConcurrentRequestsAndGiveEveryPlaceBack() throws Exception {
        given(route("demo", DEMO, ServiceStatus.RUNNING, alpha.endpoint(), beta.endpoint()));
        HttpClient wide = vertx.createHttpClient(new io.vertx.core.http.PoolOptions().setHttp1MaxSize(50));
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                RequestOptions options = new RequestOptions()
                        .setServer(SocketAddress.inetSocketAddress(proxy.port(), "127.0.0.1"))
                        .setHost(DEMO).setPort(proxy.port()).setURI("/n/" + i);
                replies.add(wide.request(options).compose(req -> req.send().compose(ProxyTest::read)));
            }

            for (int i = 0; i < replies.size(); i++) {
                assertEquals("/n/" + i, parse(await(replies.get(i)).body()).get("uri"));
            }
        } finally {
            await(wide.close());
        }
        assertEquals(200, alpha.served().get() + beta.served().get());
        assertTrue(alpha.served().get() > 0 && beta.served().get() > 0);
        assertEventually(() -> proxy.inFlight() == 0, "every request gives its place back");
    }

    @Test
    void shouldBreakTheConnectionWhenAnInstanceBreaksOffMidAnswer() throws Exception {
        given(route("demo", DEMO, ServiceStatus.RUNNING, alpha.endpoint()));

        Future<Reply> reply = request(HttpMethod.GET, DEMO, "/broken", null, Map.of());

        try {
            Reply got = await(reply);
            throw new AssertionError("a cut answer must not look complete: " + got.status() + " "
                    + got.body().length() + " bytes");
        } catch (java.util.concurrent.ExecutionException expected) {
            // the client sees the connection break, as it would with the instance itself
        }
        assertEventually(() -> proxy.inFlight() == 0, "a broken answer gives its place back");
    }

    @Test
    void shouldPassAnEarlyAnswerToAnUploadBack() throws Exception {
        given(route("demo", DEMO, ServiceStatus.RUNNING, alpha.endpoint()));

        Reply reply = send(HttpMethod.POST, DEMO, "/early", Buffer.buffer(new byte[4 * 1024 * 1024]), Map.of());

        assertEquals(413, reply.status());
        assertEquals("too big", reply.body().toString());
    }

    @Test
    void shouldLetGoOfTheInstanceWhenTheClientGoesAway() throws Exception {
        given(route("demo", DEMO, ServiceStatus.RUNNING, alpha.endpoint()));
        try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
            socket.getOutputStream().write(("GET /hold?key=gone HTTP/1.1\r\nHost: " + DEMO + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            awaitHeld("gone");
            assertEquals(1, proxy.inFlight());
        }

        assertEventually(() -> proxy.inFlight() == 0, "a request whose client left gives its place back");
        alpha.held().remove("gone");
    }

    @Test
    void shouldAnswer400WithoutAHostHeader() throws Exception {
        given(route("demo", DEMO, ServiceStatus.RUNNING, alpha.endpoint()));

        String reply = raw("GET / HTTP/1.0\r\n\r\n");

        assertTrue(reply.startsWith("HTTP/1.0 400"), reply);
        assertTrue(reply.endsWith("The request has no Host header; Runway routes requests by Host.\n"), reply);
        assertFalse(reply.contains("Exception"), reply);
    }

    // ---- given / when helpers

    private void given(Route... routes) {
        table.loadSnapshot(List.of(routes));
    }

    private static Route route(String name, String host, ServiceStatus status, Endpoint... endpoints) {
        return new Route("arn:aws:apprunner:us-east-1:000000000000:service/" + name + "/0123", name, host, status, 1,
                List.of(endpoints));
    }

    record Reply(int status, String statusMessage, io.vertx.core.MultiMap headers, Buffer body) {
    }

    /**
     * The answer, read whole. The body is asked for in the callback of the response itself: a
     * callback further down a chain of futures may run in a later turn of the event loop, after
     * the body has arrived with nobody reading it, and then the body's future never completes.
     */
    private Future<Reply> request(HttpMethod method, String host, String uri, Buffer body,
            Map<String, String> headers) {
        RequestOptions options = new RequestOptions()
                .setServer(SocketAddress.inetSocketAddress(proxy.port(), "127.0.0.1"))
                .setHost(host).setPort(proxy.port()).setMethod(method).setURI(uri);
        headers.forEach(options::addHeader);
        return client.request(options)
                .compose(req -> (body == null ? req.send() : req.send(body)).compose(ProxyTest::read));
    }

    private Reply send(HttpMethod method, String host, String uri, Buffer body, Map<String, String> headers)
            throws Exception {
        return await(request(method, host, uri, body, headers));
    }

    private Reply sendChunked(String host, String uri, byte[] body, int chunk) throws Exception {
        RequestOptions options = new RequestOptions()
                .setServer(SocketAddress.inetSocketAddress(proxy.port(), "127.0.0.1"))
                .setHost(host).setPort(proxy.port()).setMethod(HttpMethod.POST).setURI(uri);
        return await(client.request(options).compose(req -> {
            req.setChunked(true);
            Future<Reply> reply = req.response().compose(ProxyTest::read);
            for (int at = 0; at < body.length; at += chunk) {
                req.write(Buffer.buffer(java.util.Arrays.copyOfRange(body, at, Math.min(body.length, at + chunk))));
            }
            req.end();
            return reply;
        }));
    }

    private static Future<Reply> read(HttpClientResponse response) {
        return response.body().map(b -> new Reply(response.statusCode(), response.statusMessage(),
                response.headers(), b));
    }

    private String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertEventually(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    private static Backend awaitHeld(String key) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            if (alpha.held().containsKey(key)) {
                return alpha;
            }
            if (beta.held().containsKey(key)) {
                return beta;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no backend received the held request");
    }

    // ---- the test instances

    private static Backend backend(String id) throws Exception {
        AtomicInteger served = new AtomicInteger();
        Map<String, Promise<Void>> held = new ConcurrentHashMap<>();
        HttpServer server = vertx.createHttpServer().requestHandler(req -> {
            served.incrementAndGet();
            req.response().putHeader("X-Served-By", id);
            switch (req.path()) {
                case "/upload" -> upload(req);
                case "/download" -> req.response().setChunked(true).end(download());
                case "/nothing" -> req.response().setStatusCode(204).end();
                case "/early" -> req.response().setStatusCode(413).end("too big");
                case "/broken" -> {
                    req.response().setChunked(true).write("part of an answer");
                    vertx.setTimer(50, t -> req.connection().close());
                }
                case "/hold" -> {
                    Promise<Void> release = Promise.promise();
                    held.put(req.getParam("key"), release);
                    release.future().onComplete(v -> req.response().end("released"));
                }
                default -> echo(req);
            }
        });
        await(server.listen(0, "127.0.0.1"));
        backends.add(server);
        return new Backend(id, server.actualPort(), served, held);
    }

    private static void echo(HttpServerRequest req) {
        StringBuilder out = new StringBuilder();
        out.append("method=").append(req.method()).append('\n');
        out.append("uri=").append(req.uri()).append('\n');
        for (String name : List.of("host", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-custom",
                "keep-alive", "proxy-authorization", "te", "x-hop")) {
            out.append(name).append('=').append(req.getHeader(name)).append('\n');
        }
        req.response().headers().add("Set-Cookie", "a=1").add("Set-Cookie", "b=2");
        req.response().setStatusCode(207).setStatusMessage("Multi-Echo")
                .putHeader("Connection", "X-Backend-Hop")
                .putHeader("X-Backend-Hop", "1")
                .end(out.toString());
    }

    private static void upload(HttpServerRequest req) {
        MessageDigest digest = sha256();
        AtomicInteger length = new AtomicInteger();
        req.handler(chunk -> {
            length.addAndGet(chunk.length());
            digest.update(chunk.getBytes());
        });
        req.endHandler(v -> req.response().end("length=" + length.get() + "\nsha256="
                + HexFormat.of().formatHex(digest.digest()) + "\ntransfer-encoding="
                + req.getHeader("transfer-encoding") + "\ncontent-length=" + req.getHeader("content-length") + "\n"));
    }

    private static Buffer download() {
        Buffer data = Buffer.buffer();
        for (int i = 0; i < 2 * 1024 * 1024; i++) {
            data.appendByte((byte) (i * 31 + 7));
        }
        return data;
    }

    private static Map<String, String> parse(Buffer body) {
        Map<String, String> fields = new java.util.HashMap<>();
        for (String line : body.toString().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return fields;
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
