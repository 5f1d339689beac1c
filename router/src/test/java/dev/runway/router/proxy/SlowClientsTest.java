package dev.runway.router.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.model.Endpoint;
import dev.runway.events.model.ServiceStatus;
import dev.runway.router.route.Route;
import dev.runway.router.route.RouteTable;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The header timeout and the connection cap on real sockets, with a short timeout. */
class SlowClientsTest {

    private static final String HOST = "demo-0123abcd.localhost";
    private static final Duration HEADER_TIMEOUT = Duration.ofMillis(800);

    private Vertx vertx;
    private HttpServer backend;
    private ProxyServer proxy;
    private final List<Socket> sockets = new ArrayList<>();

    private void start(int maxClientConnections) throws Exception {
        vertx = Vertx.vertx();
        backend = vertx.createHttpServer().requestHandler(r -> r.response().end("hello"))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        RouteTable table = new RouteTable();
        table.loadSnapshot(List.of(new Route("arn:aws:apprunner:us-east-1:000000000000:service/demo/0", "demo", HOST,
                ServiceStatus.RUNNING, 1, List.of(new Endpoint("i-1", "127.0.0.1", backend.actualPort())), 100, 1)));
        proxy = new ProxyServer(vertx, table, new ProxySettings("127.0.0.1", 0, 2, Duration.ofSeconds(2),
                Duration.ofSeconds(4), 20, 3, Duration.ofSeconds(10), 100, 25, 10, HEADER_TIMEOUT,
                maxClientConnections));
        proxy.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", proxy.port());
        s.setSoTimeout(5000);
        sockets.add(s);
        return s;
    }

    private static String get(Socket s) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(("GET / HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] buf = new byte[4096];
        int n = s.getInputStream().read(buf);
        return n < 0 ? "" : new String(buf, 0, n, StandardCharsets.US_ASCII);
    }

    /** Reads until the server closes; fails on the socket timeout if it never does. */
    private static boolean closedByServer(Socket s) {
        try {
            InputStream in = s.getInputStream();
            while (in.read() != -1) {
                // drain whatever came first
            }
            return true;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Test
    void shouldCloseAConnectionThatTricklesItsRequestHeadAndStillServeOthers() throws Exception {
        start(100);
        Socket slow = connect();
        OutputStream out = slow.getOutputStream();
        long start = System.nanoTime();
        String head = "GET / HTTP/1.1\r\nHost: " + HOST + "\r\n";
        for (int i = 0; i < 3; i++) {
            out.write(head.charAt(i));
            out.flush();
            Thread.sleep(200);
            assertTrue(get(connect()).startsWith("HTTP/1.1 200"), "a normal client is answered meanwhile");
        }
        assertTrue(closedByServer(slow));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMillis >= HEADER_TIMEOUT.toMillis() - 50 && tookMillis < 3000, "closed after " + tookMillis + " ms");
    }

    @Test
    void shouldCloseAKeptAliveConnectionLeftIdleButNotOneWaitingForItsAnswer() throws Exception {
        start(100);
        Socket kept = connect();
        assertTrue(get(kept).startsWith("HTTP/1.1 200"));
        assertTrue(closedByServer(kept), "an idle kept-alive connection is closed after the header timeout");
    }

    @Test
    void shouldCloseConnectionsBeyondTheCap() throws Exception {
        start(3);
        List<Socket> first = List.of(connect(), connect(), connect());
        for (Socket s : first) {
            // one byte each: the connection is handed to the router
            s.getOutputStream().write('G');
            s.getOutputStream().flush();
        }
        Thread.sleep(200);
        Socket fourth = connect();
        fourth.getOutputStream().write('G');
        fourth.getOutputStream().flush();
        long start = System.nanoTime();
        assertTrue(closedByServer(fourth));
        assertTrue((System.nanoTime() - start) / 1_000_000 < HEADER_TIMEOUT.toMillis(), "closed on arrival");
        assertEquals(3, proxy.clientConnections());
        first.get(0).close();
        Thread.sleep(200);
        assertTrue(get(connect()).startsWith("HTTP/1.1 200"), "a place freed up");
    }
}
