package dev.runway.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * A bounded load on loopback that also says which revision answered each request: every client
 * thread GETs the hello example's {@code /cgi-bin/env}, whose body names the instance's GREETING
 * (each test revision sets {@code v<N>}). Records, per client, the revision of every answer in the
 * order received, and every request that failed or whose body is not one whole answer of one
 * revision. Stops by itself at {@code limit}.
 */
final class RevisionLoad implements AutoCloseable {

    /** A whole answer of one revision: exactly these two lines. */
    static final Pattern ANSWER = Pattern.compile("GREETING=v(\\d+)\\nPORT=\\d+\\n");

    /** One answer: which revision, and when its request was sent. */
    record Answer(int revision, Instant sent) {
    }

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<List<Answer>> answers = new ArrayList<>();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();
    private final Instant started = Instant.now();
    private Instant stopped;

    RevisionLoad(String serviceUrl, int clients, Duration limit) {
        Instant deadline = started.plus(limit);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + Platform.ROUTER_PORT + "/cgi-bin/env"))
                .header("Host", Platform.hostOf(serviceUrl)).timeout(Duration.ofSeconds(10)).GET().build();
        for (int i = 0; i < clients; i++) {
            List<Answer> mine = new ArrayList<>();
            answers.add(mine);
            Thread t = new Thread(() -> {
                while (running.get() && Instant.now().isBefore(deadline)) {
                    try {
                        Instant sent = Instant.now();
                        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                        var match = ANSWER.matcher(r.body());
                        if (r.statusCode() == 200 && match.matches()) {
                            mine.add(new Answer(Integer.parseInt(match.group(1)), sent));
                        } else {
                            failures.add(r.statusCode() + " " + r.body());
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            }, "revision-load-" + i);
            t.start();
            threads.add(t);
        }
    }

    /** Answers per client, each list in the order that client received them (read after close). */
    List<List<Answer>> answers() {
        return answers;
    }

    int succeeded() {
        return answers.stream().mapToInt(List::size).sum();
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    /** Successful requests per second over the load's lifetime (read after close). */
    double rate() {
        return succeeded() / (Duration.between(started, stopped).toMillis() / 1000.0);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(15_000);
        }
        if (stopped == null) {
            stopped = Instant.now();
        }
    }
}
