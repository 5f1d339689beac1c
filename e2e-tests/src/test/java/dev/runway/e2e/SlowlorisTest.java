package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Slowloris (issue 17): 200 connections to the gateway and 200 to the router, each sending its
 * request head one byte a second, do not keep a normal client from being answered, and both close
 * them once their header timeout has passed (gateway 20 s, router 15 s by default).
 */
class SlowlorisTest {

    private static final int CONNECTIONS = 200;
    private static final Duration GATEWAY_HEADER_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration ROUTER_HEADER_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration QUICK = Duration.ofSeconds(2);
    private static String arn;
    private static String serviceUrl;

    @BeforeAll
    static void aRunningService() {
        var created = Services.create(Platform.uniqueName("slow"), Platform.HELLO_IMAGE).path("Service");
        arn = created.path("ServiceArn").asText();
        serviceUrl = created.path("ServiceUrl").asText();
        assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(120)).path("Status").asText());
    }

    @AfterAll
    static void deleteIt() {
        if (arn != null) {
            Services.deleteAndWait(arn);
        }
    }

    /** A connection that sends its request head a byte at a time and never finishes it. */
    private record Trickle(Socket socket, OutputStream out, byte[] head) {
        static Trickle open(int port, String host) throws IOException {
            Socket s = new Socket("127.0.0.1", port);
            s.setSoTimeout(50);
            String head = "GET / HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: slowloris\r\n"
                    + "X-Padding: " + "a".repeat(200) + "\r\n";
            return new Trickle(s, s.getOutputStream(), head.getBytes(StandardCharsets.US_ASCII));
        }

        /** Sends byte {@code i} of the (never ending) head; false once the server closed the connection. */
        boolean send(int i) {
            try {
                out.write(head[i % head.length]);
                out.flush();
                return true;
            } catch (IOException closed) {
                return false;
            }
        }

        /** Whether the server closed it: end of stream (or a reset) instead of silence. */
        boolean closedByServer() {
            try {
                InputStream in = socket.getInputStream();
                int b = in.read();
                return b == -1;
            } catch (SocketTimeoutException stillOpen) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // gone already
            }
        }
    }

    @Test
    void shouldKeepAnsweringNormalClientsAndCloseTrickledConnectionsAfterTheHeaderTimeout() throws Exception {
        String host = Platform.hostOf(serviceUrl);
        int gatewayPort = Integer.parseInt(Platform.env("RUNWAY_API_GATEWAY_PORT"));
        List<Trickle> toGateway = new ArrayList<>();
        List<Trickle> toRouter = new ArrayList<>();
        // the clients' first calls load their classes: not the platform's time
        assertEquals(200, Services.viaRouter(serviceUrl, "/").statusCode());
        RawApi.call("ListServices", "{}");
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                toGateway.add(Trickle.open(gatewayPort, "127.0.0.1:" + gatewayPort));
                toRouter.add(Trickle.open(Platform.ROUTER_PORT, host));
            }
            Instant opened = Instant.now();
            Duration longest = GATEWAY_HEADER_TIMEOUT.compareTo(ROUTER_HEADER_TIMEOUT) > 0
                    ? GATEWAY_HEADER_TIMEOUT : ROUTER_HEADER_TIMEOUT;
            Instant until = opened.plus(longest).plusSeconds(5);
            int second = 0;
            int normalAnswers = 0;
            while (Instant.now().isBefore(until)) {
                for (Trickle t : toGateway) {
                    t.send(second);
                }
                for (Trickle t : toRouter) {
                    t.send(second);
                }
                second++;
                if (second % 3 == 0) {
                    // a normal client, to each: answered at once while the trickles go on
                    Instant start = Instant.now();
                    assertEquals(200, Services.viaRouter(serviceUrl, "/").statusCode());
                    Duration took = Duration.between(start, Instant.now());
                    assertTrue(took.compareTo(QUICK) < 0, "the router answered after " + took + " during the slowloris");
                    start = Instant.now();
                    RawApi.call("ListServices", "{}");
                    took = Duration.between(start, Instant.now());
                    assertTrue(took.compareTo(QUICK) < 0, "the gateway answered after " + took + " during the slowloris");
                    normalAnswers++;
                }
                Platform.sleep(1000);
            }
            assertTrue(normalAnswers >= 5, "normal clients answered: " + normalAnswers);
            assertEquals(List.of(), stillOpen(toGateway, "gateway"));
            assertEquals(List.of(), stillOpen(toRouter, "router"));
            // and the platform answers as before
            assertEquals(200, Services.viaRouter(serviceUrl, "/").statusCode());
            RawApi.call("ListServices", "{}");
        } finally {
            toGateway.forEach(Trickle::close);
            toRouter.forEach(Trickle::close);
        }
    }

    private static List<String> stillOpen(List<Trickle> trickles, String to) {
        List<String> open = new ArrayList<>();
        for (int i = 0; i < trickles.size(); i++) {
            if (!trickles.get(i).closedByServer()) {
                open.add(to + " connection " + i);
            }
        }
        return open;
    }
}
