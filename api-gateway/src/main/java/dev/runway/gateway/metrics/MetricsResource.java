package dev.runway.gateway.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.gateway.audit.AuditRecords;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /runway/metrics?service=<name>&metric=<App Runner metric>&period=<s>&start=&end=[&serviceId=]}:
 * one metric of one service from the metric store, as CloudWatch's GetMetricStatistics would
 * answer (namespace {@code AWS/AppRunner}; Sum, Average, Minimum, Maximum, SampleCount per period).
 * Signed with SigV4 like every API call; {@code ./runway metrics} uses it. Bad input is a 400
 * {@code InvalidParameterValue}, an unknown service a 404 {@code ResourceNotFoundException}, each
 * with the message saying what to change (the registry's words; {@link MetricQueries}).
 */
@Path("/runway/metrics")
public class MetricsResource {

    private final MetricQueries queries;

    public MetricsResource(MetricQueries queries) {
        this.queries = queries;
    }

    @GET
    public Response statistics(@QueryParam("service") String service, @QueryParam("serviceId") String serviceId,
            @QueryParam("metric") String metric, @QueryParam("period") String period,
            @QueryParam("start") String start, @QueryParam("end") String end) {
        MetricQueries.Answer answer = queries.statistics(new MetricQueries.Query(service, serviceId, metric, period,
                start, end));
        Response.ResponseBuilder response = Response.status(answer.status()).type(MediaType.APPLICATION_JSON)
                .entity(answer.body());
        if (!answer.ok()) {
            JsonNode error = AuditRecords.objectOrNull(answer.body());
            if (error != null && error.hasNonNull("__type")) {
                response.header("X-Amzn-ErrorType", error.get("__type").asText());
            }
        }
        return response.build();
    }
}
