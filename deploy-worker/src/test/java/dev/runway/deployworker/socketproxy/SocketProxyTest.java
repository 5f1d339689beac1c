package dev.runway.deployworker.socketproxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy between a client and a stand-in engine on Unix sockets: refused calls get a 403
 * with the engine's error shape and never reach the engine; allowed ones arrive intact (chunked
 * bodies too); answers stream through as they come; a connection carries several requests.
 */
@Timeout(30)
class SocketProxyTest {

    @TempDir
    Path dir;

    private ServerSocketChannel engine;
    private SocketProxy proxy;
    private final LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
    private final Map<String, byte[]> bodies = new java.util.concurrent.ConcurrentHashMap<>();
    private final CountDownLatch secondEvent = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        Path engineSocket = dir.resolve("engine.sock");
        engine = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(engineSocket));
        Thread accept = new Thread(this::fakeEngine);
        accept.setDaemon(true);
        accept.start();
        proxy = new SocketProxy(engineSocket, Map.of(
                dir.resolve("deploy.sock"), EnginePolicy.deployWorker(),
                dir.resolve("build.sock"), EnginePolicy.buildWorker("127.0.0.1:5000")));
        proxy.awaitEngine(java.time.Duration.ofSeconds(5));
        proxy.start();
        seen.clear();
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        engine.close();
    }

    @Test
    void aCallNotOnTheListIsRefusedWithTheEnginesErrorShapeAndNeverReachesIt() throws Exception {
        try (var client = connect("build.sock")) {
            send(client, "GET /v1.41/containers/json?all=1 HTTP/1.1\r\nHost: docker\r\n\r\n");
            var answer = Answer.read(new Wire(client));
            assertEquals(403, answer.status);
            String message = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body).get("message").asText();
            assertTrue(message.contains("GET /containers/json") && message.contains("build-worker"), message);
        }
        assertNull(seen.poll(300, TimeUnit.MILLISECONDS), "the engine got nothing");
    }

    @Test
    void aChunkedBuildContextArrivesIntact() throws Exception {
        byte[] context = new byte[300_000];
        new Random(7).nextBytes(context);
        try (var client = connect("build.sock")) {
            send(client, "POST /v1.41/build?networkmode=none&t=x HTTP/1.1\r\nHost: docker\r\nTransfer-Encoding: chunked\r\n"
                    + "Content-Type: application/x-tar\r\n\r\n");
            int[] cuts = {0, 1, 70_000, 300_000};
            for (int i = 0; i + 1 < cuts.length; i++) {
                send(client, Integer.toHexString(cuts[i + 1] - cuts[i]) + "\r\n");
                SocketProxy.write(client, java.util.Arrays.copyOfRange(context, cuts[i], cuts[i + 1]));
                send(client, "\r\n");
            }
            send(client, "0\r\n\r\n");
            assertEquals(200, Answer.read(new Wire(client)).status);
        }
        assertEquals("POST /v1.41/build?networkmode=none&t=x", seen.take());
        assertArrayEquals(context, bodies.get("POST /v1.41/build?networkmode=none&t=x"));
    }

    @Test
    void aStreamedAnswerArrivesAsItComes() throws Exception {
        try (var client = connect("deploy.sock")) {
            send(client, "GET /v1.41/events?filters=%7B%7D HTTP/1.1\r\nHost: docker\r\n\r\n");
            var in = new Wire(client);
            assertTrue(in.line(100).startsWith("HTTP/1.1 200"));
            String line;
            do {
                line = in.line(1000);
            } while (!line.isEmpty());
            assertEquals("6", in.line(100));
            // the engine sends the second event only once the first has come through
            assertEquals("first\n", new String(readBytes(in, 6), StandardCharsets.UTF_8));
            secondEvent.countDown();
            in.line(10);
            assertEquals("7", in.line(100));
            assertEquals("second\n", new String(readBytes(in, 7), StandardCharsets.UTF_8));
        }
    }

    @Test
    void oneConnectionCarriesSeveralRequestsAndTheCreateBodyIsJudged() throws Exception {
        String allowed = ContainerCreatePolicyTest.sent(null).toString();
        String privileged = allowed.replace("\"Privileged\":null", "\"Privileged\":true");
        try (var client = connect("deploy.sock")) {
            var in = new Wire(client);
            post(client, "/v1.41/containers/create?name=runway-x", allowed);
            assertEquals(200, Answer.read(in).status);
            send(client, "GET /v1.41/version HTTP/1.1\r\nHost: docker\r\n\r\n");
            assertEquals(200, Answer.read(in).status);
            post(client, "/v1.41/containers/create?name=runway-y", privileged);
            var refused = Answer.read(in);
            assertEquals(403, refused.status);
            assertTrue(new String(refused.body, StandardCharsets.UTF_8).contains("HostConfig.Privileged true is not allowed"),
                    new String(refused.body, StandardCharsets.UTF_8));
        }
        assertEquals("POST /v1.41/containers/create?name=runway-x", seen.take());
        assertEquals(allowed, new String(bodies.get("POST /v1.41/containers/create?name=runway-x"), StandardCharsets.UTF_8));
        assertEquals("GET /v1.41/version", seen.take());
        assertNull(seen.poll(300, TimeUnit.MILLISECONDS), "the privileged create never reached the engine");
    }

    @Test
    void aRequestWithBothLengthAndChunkingIsRefused() throws Exception {
        try (var client = connect("deploy.sock")) {
            send(client, "POST /v1.41/containers/abc/stop HTTP/1.1\r\nHost: docker\r\nContent-Length: 3\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
            assertEquals(403, Answer.read(new Wire(client)).status);
        }
    }

    // --- the stand-in engine: records each request, answers 200; /events streams two chunks

    private void fakeEngine() {
        while (engine.isOpen()) {
            try {
                SocketChannel connection = engine.accept();
                Thread thread = new Thread(() -> engineConnection(connection));
                thread.setDaemon(true);
                thread.start();
            } catch (Exception e) {
                return;
            }
        }
    }

    private void engineConnection(SocketChannel connection) {
        try (connection) {
            var in = new Wire(connection);
            HttpHead head;
            while ((head = HttpHead.read(in)) != null) {
                byte[] body = SocketProxy.Body.of(head).readAll(in, 1 << 24);
                String call = head.method + " " + head.target;
                bodies.put(call, body);
                if (!head.target.equals("/_ping")) {
                    seen.add(call);
                }
                if (head.target.startsWith("/v1.41/events")) {
                    send(connection, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nfirst\n\r\n");
                    secondEvent.await(10, TimeUnit.SECONDS);
                    send(connection, "7\r\nsecond\n\r\n0\r\n\r\n");
                } else {
                    send(connection, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK");
                }
            }
        } catch (Exception e) {
            // the test ended
        }
    }

    // --- a small client

    private SocketChannel connect(String name) throws Exception {
        return SocketChannel.open(UnixDomainSocketAddress.of(dir.resolve(name)));
    }

    private static void send(SocketChannel channel, String text) throws Exception {
        SocketProxy.write(channel, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void post(SocketChannel channel, String target, String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        send(channel, "POST " + target + " HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n\r\n");
        SocketProxy.write(channel, body);
    }

    private static byte[] readBytes(Wire in, int count) throws Exception {
        var out = new ByteArrayOutputStream();
        while (out.size() < count) {
            ByteBuffer chunk = in.read(count - out.size());
            out.write(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining());
        }
        return out.toByteArray();
    }

    private record Answer(int status, byte[] body) {
        static Answer read(Wire in) throws Exception {
            String status = in.line(1000);
            long length = 0;
            String line;
            while (!(line = in.line(1000)).isEmpty()) {
                if (line.toLowerCase().startsWith("content-length:")) {
                    length = Long.parseLong(line.substring(15).strip());
                }
            }
            return new Answer(Integer.parseInt(status.split(" ")[1]), readBytes(in, (int) length));
        }
    }
}
