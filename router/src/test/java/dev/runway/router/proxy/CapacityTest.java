package dev.runway.router.proxy;

import static dev.runway.router.proxy.Awaits.await;
import static dev.runway.router.proxy.Awaits.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.runway.events.model.Endpoint;
import dev.runway.events.model.ServiceStatus;
import dev.runway.router.route.Route;
import dev.runway.router.route.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The router's capacity rules on real sockets: MaxConcurrency per instance, the wait queue, 429
 * beyond capacity, the request timeout; and what passes through besides HTTP/1.1 (WebSocket, h2c).
 * Timeouts are generous: the machine running the suite may be heavily loaded.
 */
class CapacityTest {

    private static final String DEMO = "demo-0123abcd.localhost";
    private static final String ARN = "arn:aws:apprunner:us-east-1:000000000000:service/demo/0123";

    private static Vertx vertx;
    private static Vertx proxyVertx;
    private static HttpServer alphaServer;
    private static HttpServer betaServer;
    private static final Map<String, Promise<Void>> held = new ConcurrentHashMap<>();

    private final RouteTable table = new RouteTable();
    private HttpClient client;
    private ProxyServer proxy;

    @BeforeAll
    static void startInstances() throws Exception {
        // a @QuarkusTest earlier in this JVM leaves vertx.disableWebsockets=true behind, which
        // would make the instances below answer a WebSocket handshake with a plain 200
        System.clearProperty("vertx.disableWebsockets");
        vertx = Vertx.vertx();
        proxyVertx = Vertx.vertx();
        alphaServer = instance("alpha");
        betaServer = instance("beta");
    }

    @AfterAll
    static void stopInstances() throws Exception {
        await(alphaServer.close());
        await(betaServer.close());
        await(vertx.close());
        await(proxyVertx.close());
    }

    @AfterEach
    void stopProxy() throws Exception {
        held.values().forEach(p -> p.tryComplete());
        held.clear();
        if (client != null) {
            await(client.close());
        }
        if (proxy != null) {
            await(proxy.stop());
        }
    }

    @Test
    void shouldQueueARequestWhenEveryInstanceIsFullAndRefuseBeyondTheQueue() throws Exception {
        start(Duration.ofSeconds(60), 1, route(1, 1, alpha()));
        Future<Reply> first = get("/hold?key=first");
        awaitHeld("first");
        Future<Reply> second = get("/hold?key=second");
        awaitTrue(() -> proxy.waiting() == 1, "the second request waits for a place");

        Reply third = await(get("/"));

        assertEquals(429, third.status());
        assertEquals("1", third.headers().get("retry-after"));
        assertEquals("Service 'demo' is at capacity: its 1 instance(s) each serve their MaxConcurrency of 1 requests"
                + " and 1 more are waiting; try again shortly, or raise the service's auto scaling MaxSize.\n",
                third.body());
        assertFalse(held.containsKey("second"), "a waiting request has not reached the instance");
        held.remove("first").complete();
        assertEquals("alpha released", await(first).body());
        awaitHeld("second");
        held.remove("second").complete();
        assertEquals(200, await(second).status());
        awaitTrue(() -> proxy.inFlight() == 0 && proxy.waiting() == 0, "every place is given back");
    }

    @Test
    void shouldLetARequestWaitForScaleUpUpToWhatMaxSizeWillServe() throws Exception {
        start(Duration.ofSeconds(60), 0, route(1, 2, alpha()));
        Future<Reply> first = get("/hold?key=first");
        awaitHeld("first");
        Future<Reply> waiting = get("/");
        awaitTrue(() -> proxy.waiting() == 1, "the second request waits for the service to scale up");
        assertEquals(429, await(get("/")).status(), "beyond MaxSize × MaxConcurrency the service is at capacity");

        table.loadSnapshot(List.of(new Route(ARN, "demo", DEMO, ServiceStatus.RUNNING, 2, List.of(alpha(), beta()),
                1, 2)));

        Reply served = await(waiting);
        assertEquals(200, served.status());
        assertEquals("beta", served.body());
        held.remove("first").complete();
        await(first);
    }

    @Test
    void shouldAnswer504WhenTheInstanceDoesNotBeginToAnswerWithinTheRequestTimeout() throws Exception {
        start(Duration.ofSeconds(2), 0, route(1, 1, alpha()));

        Reply timedOut = await(get("/hold?key=slow"));

        assertEquals(504, timedOut.status());
        assertEquals("Service 'demo' did not answer within the request timeout of 2 s.\n", timedOut.body());
        awaitTrue(() -> proxy.inFlight() == 0, "a timed-out request gives its place back");
    }

    @Test
    void shouldAnswer504ToARequestThatWaitedForAPlaceTooLong() throws Exception {
        start(Duration.ofSeconds(3), 1, route(1, 1, alpha()));
        // an open WebSocket holds the instance's only place, with no timeout once it is open
        WebSocket socket = await(client.webSocket(webSocket()));
        assertEquals(1, proxy.inFlight());

        Reply waited = await(get("/"));

        assertEquals(504, waited.status());
        assertEquals("Service 'demo' did not answer within the request timeout of 3 s (every instance stayed busy).\n",
                waited.body());
        assertEquals(0, proxy.waiting());
        await(socket.close());
        awaitTrue(() -> proxy.inFlight() == 0, "the WebSocket gives its place back");
    }

    @Test
    void shouldTunnelAWebSocketToTheInstance() throws Exception {
        start(Duration.ofSeconds(60), 0, route(10, 1, alpha()));
        WebSocket socket = await(client.webSocket(webSocket()));
        Promise<String> echoed = Promise.promise();
        socket.textMessageHandler(echoed::tryComplete);

        socket.writeTextMessage("hello through the router");

        assertEquals("alpha: hello through the router", await(echoed.future()));
        assertEquals(1, proxy.inFlight(), "an open WebSocket counts as a request in flight");
        await(socket.close());
        awaitTrue(() -> proxy.inFlight() == 0, "a closed WebSocket gives its place back");
    }

    @Test
    void shouldServeHttp2ClientsWithoutTlsOverHttp11Instances() throws Exception {
        start(Duration.ofSeconds(60), 0, route(10, 1, alpha()));
        HttpClient h2c = vertx.createHttpClient(new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
        try {
            RequestOptions options = new RequestOptions()
                    .setServer(SocketAddress.inetSocketAddress(proxy.port(), "127.0.0.1"))
                    .setHost(DEMO).setPort(proxy.port()).setURI("/seen");
            // the body is asked for in the response's own callback: asked for later from this
            // thread, its DATA frame may already have gone by (an empty body, or no end at all)
            HttpClientResponse[] response = new HttpClientResponse[1];
            String body = await(h2c.request(options).compose(req -> req.send()).compose(r -> {
                response[0] = r;
                return r.body();
            })).toString();

            assertEquals(HttpVersion.HTTP_2, response[0].version());
            assertEquals(200, response[0].statusCode());
            assertEquals("HTTP_1_1 " + DEMO + ":" + proxy.port() + " " + DEMO + ":" + proxy.port(), body);
        } finally {
            await(h2c.close());
        }
    }

    // ---- helpers

    record Reply(int status, io.vertx.core.MultiMap headers, String body) {
    }

    private void start(Duration requestTimeout, int queueSize, Route route) throws Exception {
        client = vertx.createHttpClient(new io.vertx.core.http.PoolOptions().setHttp1MaxSize(10));
        proxy = new ProxyServer(proxyVertx, table, new ProxySettings("127.0.0.1", 0, 2, Duration.ofSeconds(5),
                Duration.ofSeconds(4), 20, 3, requestTimeout, 100, 25, queueSize));
        await(proxy.start());
        table.loadSnapshot(List.of(route));
    }

    private static Route route(int maxConcurrency, int maxSize, Endpoint... endpoints) {
        return new Route(ARN, "demo", DEMO, ServiceStatus.RUNNING, 1, List.of(endpoints), maxConcurrency, maxSize);
    }

    private static Endpoint alpha() {
        return new Endpoint("alpha", "127.0.0.1", alphaServer.actualPort());
    }

    private static Endpoint beta() {
        return new Endpoint("beta", "127.0.0.1", betaServer.actualPort());
    }

    private WebSocketConnectOptions webSocket() {
        return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(proxy.port()).setURI("/ws")
                .addHeader("Host", DEMO);
    }

    private Future<Reply> get(String uri) {
        RequestOptions options = new RequestOptions()
                .setServer(SocketAddress.inetSocketAddress(proxy.port(), "127.0.0.1"))
                .setHost(DEMO).setPort(proxy.port()).setURI(uri);
        return client.request(options).compose(req -> req.send())
                .compose(r -> r.body().map(b -> new Reply(r.statusCode(), r.headers(), b.toString())));
    }

    private static HttpServer instance(String id) throws Exception {
        HttpServer server = vertx.createHttpServer()
                .webSocketHandler(ws -> ws.textMessageHandler(text -> ws.writeTextMessage(id + ": " + text)))
                .requestHandler(req -> {
                    if (req.path().equals("/hold")) {
                        Promise<Void> release = Promise.promise();
                        held.put(req.getParam("key"), release);
                        release.future().onComplete(v -> req.response().end(id + " released"));
                    } else if (req.path().equals("/seen")) {
                        req.response().end(req.version() + " " + req.getHeader("host") + " "
                                + req.getHeader("x-forwarded-host"));
                    } else {
                        req.response().end(Buffer.buffer(id));
                    }
                });
        return await(server.listen(0, "127.0.0.1"));
    }

    private static void awaitHeld(String key) throws InterruptedException {
        awaitTrue(() -> held.containsKey(key), "the instance received request " + key);
    }
}
