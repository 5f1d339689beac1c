package dev.runway.deployworker.reconcile;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.runway.deployworker.config.WorkerConfig;
import dev.runway.events.query.RouteSnapshot;
import dev.runway.events.query.ServiceRecord;
import dev.runway.events.wire.Json;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** Reads desired state from the service-registry's query API. */
@Singleton
public class DesiredState {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;

    DesiredState(WorkerConfig config) {
        this.base = config.serviceRegistry().url().replaceAll("/+$", "");
    }

    RouteSnapshot routes() throws IOException {
        return get("/internal/routes", new TypeReference<RouteSnapshot>() {
        }).orElseThrow(() -> new IOException("the registry has no /internal/routes"));
    }

    Optional<ServiceRecord> service(String arn) throws IOException {
        return get("/internal/service?arn=" + URLEncoder.encode(arn, StandardCharsets.UTF_8),
                new TypeReference<ServiceRecord>() {
                });
    }

    private <T> Optional<T> get(String path, TypeReference<T> type) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new IOException("the registry answered " + response.statusCode() + " for " + path);
            }
            return Optional.of(Json.MAPPER.readValue(response.body(), type));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
