package dev.runway.gateway.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.events.wire.Json;
import dev.runway.gateway.config.GatewayConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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
 * {@code GET /runway/metrics?service=<name>&metric=<App Runner metric>&period=<s>&start=&end=[&serviceId=]}:
 * one metric of one service from the metric store, as CloudWatch's GetMetricStatistics would
 * answer (namespace {@code AWS/AppRunner}; Sum, Average, Minimum, Maximum, SampleCount per period).
 * Signed with SigV4 like every API call; {@code ./runway metrics} uses it. Bad input is a 400
 * {@code InvalidParameterValue}, an unknown service a 404 {@code ResourceNotFoundException}, each
 * with the message saying what to change (the registry's words).
 */
@Path("/runway/metrics")
public class MetricsResource {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String registry;

    public MetricsResource(GatewayConfig config) {
        this.registry = config.serviceRegistry().url();
    }

    @GET
    public Response statistics(@QueryParam("service") String service, @QueryParam("serviceId") String serviceId,
            @QueryParam("metric") String metric, @QueryParam("period") String period,
            @QueryParam("start") String start, @QueryParam("end") String end) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("serviceName", service);
        params.put("serviceId", serviceId);
        params.put("metric", metric);
        params.put("period", period);
        params.put("start", start);
        params.put("end", end);
        String query = params.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(registry + "/internal/metrics?"
                    + query)).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                return Response.ok(answer.body(), MediaType.APPLICATION_JSON).build();
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

    private static Response error(int status, String type, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).header("X-Amzn-ErrorType", type)
                .entity(Json.MAPPER.createObjectNode().put("__type", type).put("Message", message).toString()).build();
    }
}
