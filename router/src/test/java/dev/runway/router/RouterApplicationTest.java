package dev.runway.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The application wired by Quarkus, with neither Kafka nor the registry reachable: the proxy
 * listens and says it is starting, and readiness stays DOWN.
 */
@QuarkusTest
class RouterApplicationTest {

    @Inject
    RouterLifecycle lifecycle;

    @TestHTTPResource("/q/health/ready")
    URL readiness;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldServeButStayNotReadyUntilRoutesAreLoaded() throws Exception {
        assertTrue(lifecycle.serving());

        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(readiness.toURI()).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> proxied = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + lifecycle.port() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(503, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"snapshotLoaded\": false") || ready.body().contains("\"snapshotLoaded\":false"),
                ready.body());
        assertEquals(503, proxied.statusCode());
        assertTrue(proxied.body().startsWith("The Runway router is starting"), proxied.body());
    }
}
