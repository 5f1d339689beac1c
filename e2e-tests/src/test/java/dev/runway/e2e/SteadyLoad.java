package dev.runway.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded load on loopback: a few client threads GET one service through the router until
 * stopped (or at most {@code limit}), counting answers that are not 200. Stops by itself.
 */
final class SteadyLoad implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger ok = new AtomicInteger();
    private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();
    private final Instant deadline;

    SteadyLoad(String serviceUrl, String path, int clients, Duration limit) {
        this.deadline = Instant.now().plus(limit);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Platform.ROUTER_PORT + path))
                .header("Host", Platform.hostOf(serviceUrl)).timeout(Duration.ofSeconds(5)).GET().build();
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> {
                while (running.get() && Instant.now().isBefore(deadline)) {
                    try {
                        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            ok.incrementAndGet();
                        } else {
                            failures.add(r.statusCode() + " " + r.body());
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            }, "steady-load-" + i);
            t.start();
            threads.add(t);
        }
    }

    int succeeded() {
        return ok.get();
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(10_000);
        }
    }
}
