package dev.runway.gateway.console;

import dev.runway.events.query.InternalCredential;
import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.events.wire.Json;
import dev.runway.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The registry's access key admin API ({@code /internal/access-keys}, the one {@code ./runway
 * credentials} uses) for the console's key page. A created key's secret is handed straight to
 * the one answer that shows it, never stored or logged here.
 */
@ApplicationScoped
public class AccessKeysClient {

    /** The registry's answer: its status and JSON body (an error's {@code message}). */
    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status < 400;
        }

        String message() {
            return body.path("message").asText("the service-registry refused (HTTP " + status + ")");
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String base;

    public AccessKeysClient(GatewayConfig config) {
        this.base = config.serviceRegistry().url() + "/internal/access-keys";
    }

    Answer list() {
        return send(InternalCredential.request(URI.create(base)).GET());
    }

    Answer create(String userName) {
        String body = Json.MAPPER.createObjectNode().put("userName", userName).toString();
        return send(InternalCredential.request(URI.create(base)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer delete(String accessKeyId) {
        return send(InternalCredential.request(URI.create(base + "/" + URLEncoder.encode(accessKeyId, StandardCharsets.UTF_8)))
                .DELETE());
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = r.body() == null || r.body().isBlank() ? Json.MAPPER.createObjectNode()
                    : Json.MAPPER.readTree(r.body());
            return new Answer(r.statusCode(), body);
        } catch (IOException e) {
            return new Answer(503, Json.MAPPER.createObjectNode().put("message", "The service-registry does not answer ("
                    + e.getMessage() + "). ./runway status shows which components run."));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(503, Json.MAPPER.createObjectNode().put("message", "interrupted"));
        }
    }
}
