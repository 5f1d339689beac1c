package dev.runway.gateway.metrics;

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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Asks the registry's metric store for one metric of one service, as CloudWatch's
 * GetMetricStatistics would answer; {@link MetricsResource} serves it on the API and the web
 * console draws its charts from it. Every failure is an answer in App Runner's error shape.
 */
@ApplicationScoped
public class MetricQueries {

    /** One query: null members are left out (the store's defaults apply). */
    public record Query(String service, String serviceId, String metric, String period, String start, String end) {
    }

    /** The status and JSON body to answer with. */
    public record Answer(int status, String body) {
        public boolean ok() {
            return status == 200;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String registry;

    public MetricQueries(GatewayConfig config) {
        this.registry = config.serviceRegistry().url();
    }

    public Answer statistics(Query q) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("serviceName", q.service());
        params.put("serviceId", q.serviceId());
        params.put("metric", q.metric());
        params.put("period", q.period());
        params.put("start", q.start());
        params.put("end", q.end());
        String query = params.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> answer = http.send(InternalCredential.request(URI.create(registry + "/internal/metrics?"
                    + query)).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                return new Answer(200, answer.body());
            }
            JsonNode failure = Json.MAPPER.readTree(answer.body());
            if (answer.statusCode() == 400 || answer.statusCode() == 404) {
                return error(answer.statusCode(), failure.path("code").asText("InvalidParameterValue"),
                        failure.path("message").asText("the metric query was refused"));
            }
            return error(500, "InternalServiceError", "Runway's metric store answered " + answer.statusCode()
                    + ". ./runway status shows which components run.");
        } catch (IOException e) {
            return error(500, "InternalServiceError", "Runway could not read its metric store (" + e.getMessage()
                    + "). ./runway status shows which components run.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(500, "InternalServiceError", "interrupted while reading the metric store");
        }
    }

    private static Answer error(int status, String type, String message) {
        return new Answer(status, Json.MAPPER.createObjectNode().put("__type", type).put("Message", message).toString());
    }
}
