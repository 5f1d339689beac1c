package dev.runway.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook subscriber on loopback: records every delivery per path ({@code /status},
 * {@code /ops}); {@code /fail} always answers 500. It can go down and come back on the same port.
 */
final class Subscriber implements AutoCloseable {

    /** One delivery as received. */
    record Delivery(String path, JsonNode body, String raw, Map<String, List<String>> headers, long receivedAtMillis) {

        String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final int port;
    private HttpServer server;

    Subscriber() throws IOException {
        server = start(0);
        port = server.getAddress().getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    List<Delivery> at(String path) {
        List<Delivery> out = new ArrayList<>();
        for (Delivery d : deliveries) {
            if (d.path().equals(path)) {
                out.add(d);
            }
        }
        return out;
    }

    void down() {
        server.stop(0);
    }

    void up() throws IOException {
        server = start(port);
    }

    private HttpServer start(int onPort) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 50);
        s.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            int status = 200;
            if (path.equals("/fail")) {
                status = 500;
            } else {
                String raw = new String(body, StandardCharsets.UTF_8);
                deliveries.add(new Delivery(path, AwsCli.JSON.readTree(raw), raw, Map.copyOf(exchange.getRequestHeaders()),
                        System.currentTimeMillis()));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        s.start();
        return s;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
