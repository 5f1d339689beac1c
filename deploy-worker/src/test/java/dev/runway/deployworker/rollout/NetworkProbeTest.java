package dev.runway.deployworker.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.runway.events.model.HealthCheck;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class NetworkProbeTest {

    static final HealthCheck TCP = new HealthCheck("TCP", "/", 5, 1, 1, 5);

    final NetworkProbe probe = new NetworkProbe();

    @Test
    void shouldPassTcpWhenSomethingListens() throws IOException {
        try (var socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            assertTrue(probe.attempt(socket.getLocalPort(), TCP).healthy());
        }
    }

    @Test
    void shouldFailTcpWhenNothingListens() throws IOException {
        int port;
        try (var socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        var result = probe.attempt(port, TCP);
        assertFalse(result.healthy());
        assertEquals("connection refused", result.detail());
    }

    @Test
    void shouldPassHttpOnlyOn2xxAtThePath() throws IOException {
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/broken", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            // a 5 s timeout: the JDK server can be slow to answer its first request on a busy machine
            assertTrue(probe.attempt(port, new HealthCheck("HTTP", "/health", 5, 5, 1, 5)).healthy());
            assertTrue(probe.attempt(port, new HealthCheck("http", "health", 5, 5, 1, 5)).healthy());
            var broken = probe.attempt(port, new HealthCheck("HTTP", "/broken", 5, 5, 1, 5));
            assertFalse(broken.healthy());
            assertEquals("HTTP 503", broken.detail());
            assertTrue(broken.answered(), "a failing status still means the app runs");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void shouldFailTcpWhenTheConnectionIsClosedAtOnce() throws Exception {
        // given what a namespace's forwarder does when nothing listens inside: accept, then close
        try (var socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            var closer = new Thread(() -> {
                try (var accepted = socket.accept()) {
                    accepted.setSoLinger(true, 0); // a reset, as pasta sends
                } catch (IOException ignored) {
                    // the test is over
                }
            });
            closer.start();
            var result = probe.attempt(socket.getLocalPort(), TCP);
            closer.join(5_000);
            // then the check fails: the app does not listen
            assertFalse(result.healthy());
            assertTrue(result.detail().contains("nothing listens on the instance's port"), result.detail());
        }
    }
}
