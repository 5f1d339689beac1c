package dev.runway.router.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.model.Endpoint;
import dev.runway.events.model.ServiceStatus;
import dev.runway.router.route.Route;
import dev.runway.router.route.RouteTable;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An instance that accepts a connection and resets it before answering — what a pasta forwarder
 * does when the app behind it has just died: a request that can be sent again goes to another
 * instance; one with a body, or a POST, is not sent twice. Plain sockets on loopback.
 */
class UpstreamResetTest {

    private static final String HOST = "demo-0123abcd.localhost";
    private static Vertx vertx;
    private static HttpServer healthy;
    private static ServerSocket resetter;
    private static final AtomicInteger resets = new AtomicInteger();
    private static final AtomicInteger served = new AtomicInteger();
    private static Thread resetting;

    @BeforeAll
    static void instances() throws Exception {
        vertx = Vertx.vertx();
        healthy = vertx.createHttpServer().requestHandler(r -> {
            served.incrementAndGet();
            r.response().end("ok");
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        resetter = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        resetting = new Thread(() -> {
            while (!resetter.isClosed()) {
                try (Socket s = resetter.accept()) {
                    s.getInputStream().read(new byte[8192]);
                    s.setSoLinger(true, 0);
                    resets.incrementAndGet();
                } catch (IOException e) {
                    // closed at the end
                }
            }
        }, "resetter");
        resetting.setDaemon(true);
        resetting.start();
    }

    @AfterAll
    static void stop() throws Exception {
        resetter.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static ProxyServer proxy(Endpoint... endpoints) throws Exception {
        RouteTable table = new RouteTable();
        table.loadSnapshot(List.of(new Route("arn:aws:apprunner:us-east-1:000000000000:service/demo/0123abcd", "demo",
                HOST, ServiceStatus.RUNNING, 1, List.of(endpoints))));
        ProxyServer proxy = new ProxyServer(vertx, table, new ProxySettings("127.0.0.1", 0, 1, Duration.ofSeconds(2),
                Duration.ofSeconds(4), 20, 3));
        proxy.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return proxy;
    }

    private static Endpoint resets() {
        return new Endpoint("r3537000", "127.0.0.1", resetter.getLocalPort());
    }

    private static Endpoint healthy() {
        return new Endpoint("a11ce000", "127.0.0.1", healthy.actualPort());
    }

    /** The status line's code of one request on a connection of its own. */
    private static int status(int port, String method, String body) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            String head = method + " / HTTP/1.1\r\nHost: " + HOST + "\r\nConnection: close\r\n"
                    + (body == null ? "" : "Content-Length: " + body.length() + "\r\n") + "\r\n" + (body == null ? "" : body);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return Integer.parseInt(answer.substring(9, 12));
        }
    }

    @Test
    void aGetGoesToAnotherInstanceWhenOneResetsBeforeAnswering() throws Exception {
        ProxyServer proxy = proxy(resets(), healthy());
        try {
            int before = served.get();
            for (int i = 0; i < 6; i++) {
                assertEquals(200, status(proxy.port(), "GET", null), "request " + i);
            }
            assertEquals(6, served.get() - before);
            assertTrue(resets.get() > 0, "the resetting instance was tried");
        } finally {
            proxy.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPostIsNotSentTwiceAndAnswers502() throws Exception {
        ProxyServer proxy = proxy(resets());
        try {
            int before = resets.get();
            assertEquals(502, status(proxy.port(), "POST", "payload"));
            assertEquals(1, resets.get() - before, "sent once");
            assertEquals(502, status(proxy.port(), "GET", null), "every attempt reset");
        } finally {
            proxy.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void onlyRequestsWithoutBodyAndWithARepeatableMethodAreResent() {
        assertTrue(ProxyVerticle.resendable(HttpMethod.GET, true));
        assertTrue(ProxyVerticle.resendable(HttpMethod.HEAD, true));
        assertTrue(!ProxyVerticle.resendable(HttpMethod.POST, true));
        assertTrue(!ProxyVerticle.resendable(HttpMethod.PATCH, true));
        assertTrue(!ProxyVerticle.resendable(HttpMethod.PUT, false));
    }
}
