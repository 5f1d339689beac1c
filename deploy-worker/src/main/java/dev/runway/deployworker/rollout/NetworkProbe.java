package dev.runway.deployworker.rollout;

import dev.runway.events.model.HealthCheck;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/** App Runner's health checks on 127.0.0.1: a TCP connect, or an HTTP GET that must answer 2xx. */
class NetworkProbe implements InstanceProbe {

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    @Override
    public Result attempt(int port, HealthCheck check) {
        Duration timeout = Duration.ofSeconds(Math.max(1, check.timeout()));
        String protocol = check.protocol() == null ? "TCP" : check.protocol().toUpperCase(Locale.ROOT);
        return protocol.equals("HTTP") ? http(port, path(check.path()), timeout) : tcp(port, timeout);
    }

    /**
     * How long a connection must stay open for a TCP check to pass. An instance in a namespace of its
     * own is reached through a forwarder that accepts every connection on its host port and closes
     * it at once when nothing listens inside; an app that listens keeps it open.
     */
    static final Duration TCP_HOLD = Duration.ofMillis(100);

    private static Result tcp(int port, Duration timeout) {
        try (var socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) timeout.toMillis());
            } catch (java.net.SocketException e) {
                // a reset can already end the connect itself (accepted, then reset before it returned)
                return Result.failed(String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("reset")
                        ? "connection reset at once: nothing listens on the instance's port" : describe(e));
            } catch (IOException e) {
                return Result.failed(describe(e));
            }
            // connected: a close or a reset from here on (wherever it surfaces) is the forwarder's
            try {
                socket.setSoTimeout((int) Math.min(TCP_HOLD.toMillis(), timeout.toMillis()));
                if (socket.getInputStream().read() < 0) {
                    return Result.failed("connection closed at once: nothing listens on the instance's port");
                }
            } catch (java.net.SocketTimeoutException e) {
                // open and quiet: the app accepted it and waits for a request
            } catch (IOException e) {
                return Result.failed("connection reset at once: nothing listens on the instance's port");
            }
            return Result.passed("TCP connect succeeded");
        } catch (IOException e) {
            return Result.failed(describe(e)); // closing the socket
        }
    }

    private Result http(int port, String path, Duration timeout) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(timeout)
                .header("User-Agent", "runway-health-check")
                .GET()
                .build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300 ? Result.passed("HTTP " + status) : Result.refused("HTTP " + status);
        } catch (IOException e) {
            return Result.failed(describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed("interrupted");
        }
    }

    private static String path(String path) {
        if (path == null || path.isBlank()) {
            return "/";
        }
        return path.startsWith("/") ? path : "/" + path;
    }

    private static String describe(IOException e) {
        if (e instanceof java.net.http.HttpTimeoutException || e instanceof java.net.SocketTimeoutException) {
            return "no answer within the health check's timeout";
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.toLowerCase(Locale.ROOT).contains("connection refused") ? "connection refused" : message;
    }
}
