package dev.runway.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The application wired by Quarkus, with neither Kafka nor the registry reachable: the proxy
 * listens and says it is starting, and readiness stays DOWN.
 */
@QuarkusTest
@TestProfile(RouterApplicationTest.Isolated.class)
class RouterApplicationTest {

    /**
     * Test profile overrides outrank environment variables, so a platform's RUNWAY_* settings in
     * the environment (as under ./runway test) cannot point this test at real ports or brokers.
     */
    public static class Isolated implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "runway.router.port", "0",
                    "runway.router.tls-port", "0",
                    "runway.router.instances", "1",
                    "runway.kafka.bootstrap-servers", "127.0.0.1:1",
                    "runway.service-registry.url", "http://127.0.0.1:1");
        }
    }

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
