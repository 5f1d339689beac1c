package dev.runway.gateway.registry;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.runway.events.query.OperationRecord;
import dev.runway.events.query.Page;
import dev.runway.events.query.ServiceRecord;
import dev.runway.events.wire.Json;
import dev.runway.gateway.config.GatewayConfig;
import dev.runway.gateway.protocol.ApiError;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** Reads from the service-registry's query API (its projections). */
@ApplicationScoped
public class RegistryClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;

    public RegistryClient(GatewayConfig config) {
        this.base = config.serviceRegistry().url().replaceAll("/+$", "");
    }

    public Optional<ServiceRecord> service(String arn) {
        return get("/internal/service?arn=" + encode(arn), new TypeReference<ServiceRecord>() {
        });
    }

    public Page<ServiceRecord> services(int offset, int limit) {
        return get("/internal/services?offset=" + offset + "&limit=" + limit,
                new TypeReference<Page<ServiceRecord>>() {
                }).orElseThrow();
    }

    /** Empty when the service is unknown. */
    public Optional<Page<OperationRecord>> operations(String serviceArn, int offset, int limit) {
        return get("/internal/operations?serviceArn=" + encode(serviceArn) + "&offset=" + offset + "&limit=" + limit,
                new TypeReference<Page<OperationRecord>>() {
                });
    }

    private <T> Optional<T> get(String path, TypeReference<T> type) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw ApiError.internal("The service registry answered " + response.statusCode() + " to a read.");
            }
            return Optional.of(Json.MAPPER.readValue(response.body(), type));
        } catch (IOException e) {
            throw ApiError.internal("The service registry is not reachable at " + base + " (" + e.getMessage()
                    + "). ./runway status shows which components run.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.internal("Interrupted while reading from the registry");
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
