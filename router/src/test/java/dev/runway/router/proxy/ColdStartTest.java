package dev.runway.router.proxy;

import static dev.runway.router.proxy.Awaits.await;
import static dev.runway.router.proxy.Awaits.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.event.RevisionActivated;
import dev.runway.events.event.ServiceScaled;
import dev.runway.events.model.Endpoint;
import dev.runway.events.model.ServiceStatus;
import dev.runway.router.route.Route;
import dev.runway.router.route.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cold starts on real sockets: a service at zero instances has its requests held, is woken at once
 * with what they need, and they are served as soon as an instance is ready; past the hold timeout
 * they get 503 with Retry-After.
 */
class ColdStartTest {

    private static final String HOST = "lazy-0123abcd.localhost";
    private static final String ARN = "arn:aws:apprunner:us-east-1:000000000000:service/lazy/0123";

    private static Vertx vertx;
    private static Vertx proxyVertx;
    private static HttpServer instance;

    private final RouteTable table = new RouteTable();
    private final List<String> wakes = new CopyOnWriteArrayList<>();
    private HttpClient client;
    private ProxyServer proxy;

    @BeforeAll
    static void startInstance() throws Exception {
        vertx = Vertx.vertx();
        proxyVertx = Vertx.vertx();
        instance = await(vertx.createHttpServer().requestHandler(req -> req.response().end(Buffer.buffer("awake")))
                .listen(0, "127.0.0.1"));
    }

    @AfterAll
    static void stop() throws Exception {
        await(instance.close());
        await(vertx.close());
        await(proxyVertx.close());
    }

    @AfterEach
    void stopProxy() throws Exception {
        if (client != null) {
            await(client.close());
        }
        if (proxy != null) {
            await(proxy.stop());
        }
    }

    @Test
    void shouldHoldARequestWakeTheServiceAtOnceAndServeItWhenAnInstanceIsReady() throws Exception {
        start(Duration.ofSeconds(30), 100, 25);

        Future<Reply> first = get("/");
        awaitTrue(() -> proxy.waiting(ARN) == 1, "the request is held");
        awaitTrue(() -> !wakes.isEmpty(), "the service is woken");
        assertEquals("1 cold start: 1 request(s) held with MaxConcurrency 100 per instance", wakes.get(0));
        assertFalse(first.isComplete());

        table.apply(new ServiceScaled(ARN, 1, 0, 1, "cold start"), 4);
        assertTrue(table.routeOf(ARN).orElseThrow().cold(), "still held while the instance starts");
        table.apply(new RevisionActivated(ARN, null, 1, List.of(endpoint())), 5);

        Reply served = await(first);
        assertEquals(200, served.status());
        assertEquals("awake", served.body());
    }

    @Test
    void shouldWakeABurstWithTheInstancesItsConcurrencyNeedsUpToMaxSize() throws Exception {
        start(Duration.ofSeconds(30), 10, 3);

        List<Future<Reply>> burst = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            burst.add(get("/"));
        }
        awaitTrue(() -> proxy.waiting(ARN) == 50, "every request is held");
        awaitTrue(() -> wakes.stream().anyMatch(w -> w.startsWith("3 ")), "50 held / 10 each = 5, capped at 3: "
                + wakes);
        table.apply(new ServiceScaled(ARN, 1, 0, 3, "cold start"), 4);
        table.apply(new RevisionActivated(ARN, null, 1, List.of(endpoint())), 5);

        for (Future<Reply> reply : burst) {
            assertEquals(200, await(reply).status());
        }
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenNoInstanceIsReadyWithinTheHoldTimeout() throws Exception {
        start(Duration.ofSeconds(1), 100, 25);

        Reply late = await(get("/"));

        assertEquals(503, late.status());
        assertEquals("2", late.retryAfter());
        assertEquals("Service 'lazy' is starting from zero instances and none was ready within 1 s; try again"
                + " shortly.\n", late.body());
        awaitTrue(() -> proxy.waiting(ARN) == 0, "the held request left the queue");
    }

    @Test
    void shouldAskForInstancesAgainOnlyWhenMoreAreNeededOrTheAskIsOld() {
        List<String> asked = new ArrayList<>();
        ColdStart cold = new ColdStart(Duration.ofSeconds(30), Duration.ofSeconds(2),
                (arn, n, reason) -> asked.add(Integer.toString(n)));
        Route route = cold(10, 5);
        long t = 1_000_000_000L;

        assertTrue(cold.held(route, 1, 10, 5, t));
        assertFalse(cold.held(route, 10, 10, 5, t + 10_000_000L), "one instance still serves 10");
        assertTrue(cold.held(route, 11, 10, 5, t + 20_000_000L));
        assertFalse(cold.held(route, 3, 10, 5, t + 30_000_000L), "fewer held never asks for fewer");
        assertTrue(cold.held(route, 3, 10, 5, t + 2_100_000_000L), "asked again after 2 s (a wake never scales down)");
        cold.warm(ARN);
        assertTrue(cold.held(route, 1, 10, 5, t + 2_200_000_000L), "a new cold start asks afresh");
        assertEquals(List.of("1", "2", "1", "1"), asked);
        assertEquals(1, ColdStart.instancesFor(0, 100, 25));
        assertEquals(25, ColdStart.instancesFor(100_000, 1, 25));
        assertEquals(4, ColdStart.instancesFor(31, 10, 25));
    }

    private void start(Duration hold, int maxConcurrency, int maxSize) throws Exception {
        client = vertx.createHttpClient(new io.vertx.core.http.PoolOptions().setHttp1MaxSize(60));
        proxy = new ProxyServer(proxyVertx, table, new ProxySettings("127.0.0.1", 0, 2, Duration.ofSeconds(5),
                Duration.ofSeconds(4), 20, 3, Duration.ofSeconds(60), 100, 25, 100), TrafficListener.NONE,
                TlsSettings.off(), new ColdStart(hold, Duration.ofSeconds(2),
                        (arn, n, reason) -> wakes.add(n + " " + reason)));
        await(proxy.start());
        table.loadSnapshot(List.of(cold(maxConcurrency, maxSize)));
    }

    /** RUNNING at zero instances (scaled to zero), stream version 3. */
    private static Route cold(int maxConcurrency, int maxSize) {
        return new Route(ARN, "lazy", HOST, ServiceStatus.RUNNING, 3, List.of(), maxConcurrency, maxSize, 0, false);
    }

    private static Endpoint endpoint() {
        return new Endpoint("i-1", "127.0.0.1", instance.actualPort());
    }

    private Future<Reply> get(String uri) {
        RequestOptions options = new RequestOptions()
                .setServer(SocketAddress.inetSocketAddress(proxy.port(), "127.0.0.1"))
                .setHost(HOST).setPort(proxy.port()).setURI(uri);
        return client.request(options).compose(req -> req.send())
                .compose(r -> r.body().map(b -> new Reply(r.statusCode(), r.getHeader("retry-after"), b.toString())));
    }

    private record Reply(int status, String retryAfter, String body) {
    }
}
