package dev.runway.deployworker.socketproxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runway.deployworker.socketproxy.HttpHead.BadRequest;
import dev.runway.deployworker.socketproxy.JsonPolicy.Refused;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compose stack's Docker socket proxy: the only container that mounts the engine's socket.
 * Each worker gets a Unix socket of its own (in a volume only it and the proxy mount) on which
 * the proxy forwards the engine calls that worker makes ({@link EnginePolicy}) and answers
 * everything else 403 with a JSON {@code message}, as the engine words its errors.
 *
 * <p>One connection is a pair of threads: this side reads requests, judges each and forwards it
 * with its body (a Content-Length body, or chunks as they come: build contexts); the engine's
 * answers are copied back byte for byte as they come, so streams (logs and events that follow,
 * pull, build and push progress) and upgraded connections work unchanged. Clients do not
 * pipeline (docker-java, the docker CLI): a request is read once the answer before it is done.
 */
public final class SocketProxy implements AutoCloseable {

    static final int MAX_JSON_BODY = 1 << 20;
    private static final int MAX_DISCARD = 64 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path engine;
    private final Map<Path, EnginePolicy> listeners;
    private final List<ServerSocketChannel> servers = new ArrayList<>();
    private volatile boolean closed;

    public SocketProxy(Path engine, Map<Path, EnginePolicy> listeners) {
        this.engine = engine;
        this.listeners = new LinkedHashMap<>(listeners);
    }

    public static void main(String[] args) throws Exception {
        Path engine = Path.of("/var/run/docker.sock");
        String registry = System.getenv("RUNWAY_IMAGE_REGISTRY");
        var listen = new LinkedHashMap<Path, String>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-h", "--help" -> {
                    System.out.print(USAGE);
                    return;
                }
                case "--engine" -> engine = Path.of(value(args, ++i, arg));
                case "--registry" -> registry = value(args, ++i, arg);
                case "--listen" -> {
                    String spec = value(args, ++i, arg);
                    int eq = spec.indexOf('=');
                    if (eq <= 0) {
                        usageError("--listen takes <worker>=<socket path>, not " + spec);
                    }
                    listen.put(Path.of(spec.substring(eq + 1)), spec.substring(0, eq));
                }
                default -> usageError("unknown argument " + arg);
            }
        }
        if (listen.isEmpty()) {
            usageError("nothing to listen on: give --listen <worker>=<socket path>");
        }
        var policies = new LinkedHashMap<Path, EnginePolicy>();
        for (var entry : listen.entrySet()) {
            try {
                policies.put(entry.getKey(), EnginePolicy.named(entry.getValue(), registry));
            } catch (IllegalArgumentException e) {
                usageError(e.getMessage());
            }
        }
        var proxy = new SocketProxy(engine, policies);
        // a socket left by the last run would pass the health check while the engine is not there yet
        for (Path path : policies.keySet()) {
            Files.deleteIfExists(path);
        }
        proxy.awaitEngine(Duration.ofMinutes(2));
        proxy.start();
        for (var entry : policies.entrySet()) {
            log("serving the " + entry.getValue().worker() + "'s engine calls on " + entry.getKey() + " (engine " + engine + ")");
        }
        Thread.currentThread().join();
    }

    static final String USAGE = """
            Usage: java -cp <deploy-worker app>:<its libs> dev.runway.deployworker.socketproxy.SocketProxy \\
                     [--engine /var/run/docker.sock] [--registry host:port] --listen <worker>=<socket> ...

            Forwards to the Docker engine's socket only the engine calls each worker makes; anything
            else is answered 403 with {"message": "..."} naming the call (docs/security.md, "Docker
            socket proxy"). <worker>: deploy-worker or build-worker. --registry (default:
            RUNWAY_IMAGE_REGISTRY): the only registry the build-worker may push to. The sockets are
            made once the engine answers (mode 0660), replacing a stale one.
            """;

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            usageError(option + " needs a value");
        }
        return args[i];
    }

    private static void usageError(String message) {
        System.err.println("socket-proxy: " + message + " (see --help)");
        System.exit(2);
    }

    /** Waits until the engine answers GET /_ping; an engine that never does is an error. */
    void awaitEngine(Duration patience) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (true) {
            try (var channel = SocketChannel.open(UnixDomainSocketAddress.of(engine))) {
                channel.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
                String status = new Wire(channel).line(1024);
                if (status != null && status.matches("HTTP/1\\.[01] 200.*")) {
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IOException("the engine at " + engine + " answers " + status + " to GET /_ping");
                }
            } catch (IOException | BadRequest e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IOException("no engine answers at " + engine + ": " + e.getMessage(), e);
                }
            }
            Thread.sleep(1000);
        }
    }

    /** Binds every socket (removing a stale one first) and serves each on a thread of its own. */
    public void start() throws IOException {
        for (var entry : listeners.entrySet()) {
            Path path = entry.getKey();
            Files.deleteIfExists(path);
            var server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(path));
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
            servers.add(server);
            EnginePolicy policy = entry.getValue();
            Thread accept = new Thread(() -> accept(server, policy), "accept-" + policy.worker());
            accept.start();
        }
    }

    private void accept(ServerSocketChannel server, EnginePolicy policy) {
        while (!closed) {
            try {
                SocketChannel client = server.accept();
                Thread thread = new Thread(() -> serve(client, policy), "proxy-" + policy.worker());
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                if (!closed) {
                    log("accepting on the " + policy.worker() + "'s socket failed: " + e.getMessage());
                }
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        for (var server : servers) {
            server.close();
        }
        for (Path path : listeners.keySet()) {
            Files.deleteIfExists(path);
        }
    }

    /** One client connection: requests judged here, answers copied back by a second thread. */
    private void serve(SocketChannel client, EnginePolicy policy) {
        SocketChannel upstream = null;
        try (client) {
            upstream = SocketChannel.open(UnixDomainSocketAddress.of(engine));
            SocketChannel engineSide = upstream;
            Thread back = new Thread(() -> copyBack(engineSide, client), "proxy-back-" + policy.worker());
            back.setDaemon(true);
            back.start();
            var in = new Wire(client);
            if (forwardRequests(in, client, upstream, policy)) {
                upstream.shutdownOutput();
                back.join();
            }
        } catch (IOException e) {
            // a side went away: nothing to answer to
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(upstream);
        }
    }

    /** Engine → client, byte for byte; the client learns of the end as the engine's end. */
    private static void copyBack(SocketChannel upstream, SocketChannel client) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try {
            while (upstream.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    client.write(buffer);
                }
                buffer.clear();
            }
            client.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    /**
     * Reads, judges and forwards requests until the client ends (true: let the engine finish its
     * answers) or one is refused (false: the 403 was the last answer).
     */
    private boolean forwardRequests(Wire in, SocketChannel client, SocketChannel upstream, EnginePolicy policy)
            throws IOException {
        while (true) {
            HttpHead head;
            try {
                head = HttpHead.read(in);
            } catch (BadRequest e) {
                refuse(client, policy, null, e.getMessage());
                return false;
            }
            if (head == null) {
                return true;
            }
            Body body;
            try {
                body = Body.of(head);
            } catch (BadRequest e) {
                refuse(client, policy, head, e.getMessage());
                return false;
            }
            EngineRequest request;
            try {
                request = EngineRequest.of(head.method, head.target);
            } catch (IllegalArgumentException e) {
                discard(in, head, body);
                refuse(client, policy, head, e.getMessage());
                return false;
            }
            EnginePolicy.Rule rule = policy.rule(request);
            if (rule == null) {
                discard(in, head, body);
                refuse(client, policy, head, request + " is not an engine call the " + policy.worker() + " makes");
                return false;
            }
            byte[] json = null;
            try {
                if (rule.readsBody()) {
                    if (head.hasToken("Expect", "100-continue")) {
                        write(client, "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    json = body.readAll(in, MAX_JSON_BODY);
                }
                JsonNode parsed = json == null ? null : JsonPolicy.parse(json);
                rule.check().check(request, parsed);
            } catch (Refused e) {
                refuse(client, policy, head, request + ": " + e.getMessage());
                return false;
            } catch (BadRequest e) {
                refuse(client, policy, head, e.getMessage());
                return false;
            }
            if (json != null) {
                write(upstream, head.rewritten(List.of("Content-Length", "Transfer-Encoding", "Expect"),
                        List.<String[]>of(new String[] {"Content-Length", Integer.toString(json.length)})));
                write(upstream, json);
            } else {
                write(upstream, head.raw);
                try {
                    body.copy(in, upstream);
                } catch (BadRequest e) {
                    // the engine has a torn request: it can only be dropped
                    log("the " + policy.worker() + "'s " + request + " ended badly: " + e.getMessage());
                    return false;
                }
            }
            if (head.has("Upgrade") && head.hasToken("Connection", "upgrade")) {
                // attach/exec: from here on both ways are the engine's raw stream
                copyRaw(in, upstream);
                return true;
            }
        }
    }

    private static void copyRaw(Wire in, SocketChannel upstream) throws IOException {
        ByteBuffer chunk;
        while ((chunk = in.read(64 * 1024)) != null) {
            write(upstream, chunk);
        }
    }

    /** Reads a refused request's body away, so the client is not cut off while still sending it. */
    private static void discard(Wire in, HttpHead head, Body body) {
        if (head.hasToken("Expect", "100-continue")) {
            return; // the client waits for a 100 and will not send it
        }
        try {
            body.readAll(in, MAX_DISCARD);
        } catch (IOException | BadRequest e) {
            // too long, or torn: the connection closes after the 403 anyway
        }
    }

    private static void refuse(SocketChannel client, EnginePolicy policy, HttpHead head, String reason) throws IOException {
        String call = head == null ? "a request" : head.method + " " + head.target;
        log("refused the " + policy.worker() + "'s " + call + ": " + reason);
        String message = "the Docker socket proxy refuses this call of the " + policy.worker() + ": " + reason;
        byte[] body = JSON.writeValueAsBytes(Map.of("message", message));
        String answer = "HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        write(client, answer.getBytes(StandardCharsets.US_ASCII));
        write(client, body);
        client.shutdownOutput();
    }

    static void write(SocketChannel channel, byte[] bytes) throws IOException {
        write(channel, ByteBuffer.wrap(bytes));
    }

    static void write(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    static void log(String line) {
        System.out.println(Instant.now() + " socket-proxy: " + line);
    }

    /** How a request's body is framed: none, a length, or chunks. */
    record Body(long length, boolean chunked) {

        static Body of(HttpHead head) throws BadRequest {
            List<String> encodings = head.all("Transfer-Encoding");
            List<String> lengths = head.all("Content-Length");
            if (!encodings.isEmpty()) {
                if (!lengths.isEmpty()) {
                    // both: the engine and the proxy could disagree on where the body ends
                    throw new BadRequest("a request with both Transfer-Encoding and Content-Length");
                }
                if (encodings.size() != 1 || !encodings.get(0).equalsIgnoreCase("chunked")) {
                    throw new BadRequest("Transfer-Encoding " + encodings + " is not forwarded (only chunked)");
                }
                return new Body(-1, true);
            }
            if (lengths.isEmpty()) {
                return new Body(0, false);
            }
            if (lengths.stream().distinct().count() != 1 || !lengths.get(0).matches("[0-9]{1,18}")) {
                throw new BadRequest("a bad Content-Length " + lengths);
            }
            return new Body(Long.parseLong(lengths.get(0)), false);
        }

        /** The whole body, de-chunked; longer than {@code max} is refused. */
        byte[] readAll(Wire in, int max) throws IOException, BadRequest {
            var out = new ByteArrayOutputStream();
            if (chunked) {
                long size;
                while ((size = chunkSize(in)) > 0) {
                    if (out.size() + size > max) {
                        throw new BadRequest("the request body is longer than " + max + " bytes");
                    }
                    copyBytes(in, size, buffer -> out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining()));
                    endOfChunk(in);
                }
                trailers(in, null);
            } else {
                if (length > max) {
                    throw new BadRequest("the request body is longer than " + max + " bytes");
                }
                copyBytes(in, length, buffer -> out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining()));
            }
            return out.toByteArray();
        }

        /** Forwards the body as it comes, chunks with their framing. */
        void copy(Wire in, SocketChannel upstream) throws IOException, BadRequest {
            if (!chunked) {
                copyBytes(in, length, buffer -> write(upstream, buffer));
                return;
            }
            long size;
            while ((size = chunkSize(in)) > 0) {
                write(upstream, (Long.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                copyBytes(in, size, buffer -> write(upstream, buffer));
                endOfChunk(in);
                write(upstream, "\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            write(upstream, "0\r\n".getBytes(StandardCharsets.US_ASCII));
            trailers(in, upstream);
        }

        private static long chunkSize(Wire in) throws IOException, BadRequest {
            String line = in.line(1024);
            if (line == null) {
                throw new BadRequest("the connection ended inside a chunked body");
            }
            int semicolon = line.indexOf(';');
            String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
            if (!hex.matches("[0-9A-Fa-f]{1,15}")) {
                throw new BadRequest("a bad chunk size: " + line);
            }
            return Long.parseLong(hex, 16);
        }

        private static void endOfChunk(Wire in) throws IOException, BadRequest {
            String line = in.line(16);
            if (line == null || !line.isEmpty()) {
                throw new BadRequest("a chunk does not end where its size says");
            }
        }

        /** The trailer lines after the last chunk, up to the empty line (forwarded when upstream is set). */
        private static void trailers(Wire in, SocketChannel upstream) throws IOException, BadRequest {
            String line;
            int total = 0;
            do {
                line = in.line(8192);
                if (line == null) {
                    throw new BadRequest("the connection ended inside a chunked body's trailer");
                }
                total += line.length();
                if (total > HttpHead.MAX_HEAD) {
                    throw new BadRequest("a chunked body's trailer is too long");
                }
                if (upstream != null) {
                    write(upstream, (line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                }
            } while (!line.isEmpty());
        }

        private interface Sink {
            void accept(ByteBuffer buffer) throws IOException;
        }

        private static void copyBytes(Wire in, long count, Sink sink) throws IOException, BadRequest {
            long left = count;
            while (left > 0) {
                ByteBuffer chunk = in.read((int) Math.min(left, 64 * 1024));
                if (chunk == null) {
                    throw new BadRequest("the connection ended inside a request body");
                }
                left -= chunk.remaining();
                sink.accept(chunk);
            }
        }
    }
}
