package dev.runway.registry.metrics;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the metric store: one metric of one service over a time range, in periods of whole
 * minutes, as CloudWatch's GetMetricStatistics answers (Sum, Average, Minimum, Maximum,
 * SampleCount per period). Bad input gets 400 {@code InvalidParameterValue}, an unknown service
 * 404 {@code ResourceNotFoundException}, each with a message saying what to change.
 */
@Path("/internal/metrics")
@Produces(MediaType.APPLICATION_JSON)
public class MetricsResource {

    /** Datapoints one answer may hold, as CloudWatch's limit. */
    static final int MAX_DATAPOINTS = 1440;

    /** One period's statistics. */
    public record Datapoint(Instant timestamp, double sum, double average, double minimum, double maximum,
            long sampleCount, String unit) {
    }

    /** The answer: which series, and its datapoints oldest first. */
    public record Statistics(String namespace, String metricName, String serviceName, String serviceId, int period,
            List<Datapoint> datapoints) {
    }

    public record Failure(String code, String message) {
    }

    @GET
    public Response statistics(@QueryParam("serviceName") String serviceName, @QueryParam("serviceId") String serviceId,
            @QueryParam("metric") String metric, @QueryParam("start") String start, @QueryParam("end") String end,
            @QueryParam("period") String period) {
        MetricName name = MetricName.of(metric == null ? "" : metric);
        if (name == null) {
            return invalid("Unknown metric '" + metric + "'. Use one of " + MetricName.wireNames() + ".");
        }
        if (serviceName == null || serviceName.isBlank()) {
            return invalid("Name the service: serviceName=<the service's name> (and optionally serviceId).");
        }
        int seconds;
        try {
            seconds = period == null || period.isBlank() ? 60 : Integer.parseInt(period.trim());
        } catch (NumberFormatException e) {
            return invalid("period '" + period + "' is not a number of seconds. Use a multiple of 60, e.g. 60 or 300.");
        }
        if (seconds < 60 || seconds % 60 != 0) {
            return invalid("period " + seconds + " is not supported: the store keeps 1-minute aggregates, so use a "
                    + "multiple of 60 seconds (60, 300, 3600, ...).");
        }
        Instant to;
        Instant from;
        try {
            to = end == null || end.isBlank() ? Instant.now() : Instant.parse(end.trim());
            from = start == null || start.isBlank() ? to.minusSeconds(3600) : Instant.parse(start.trim());
        } catch (DateTimeParseException e) {
            return invalid("start and end are ISO-8601 instants such as 2026-11-23T10:00:00Z; '"
                    + (e.getParsedString()) + "' is not one.");
        }
        if (!from.isBefore(to)) {
            return invalid("start " + from + " must be before end " + to + ".");
        }
        long periods = (to.getEpochSecond() - from.getEpochSecond() + seconds - 1) / seconds;
        if (periods > MAX_DATAPOINTS) {
            return invalid("That asks for " + periods + " datapoints; at most " + MAX_DATAPOINTS
                    + " fit one answer. Use a longer period or a shorter range.");
        }
        List<?> known = Panache.getEntityManager().createNativeQuery("select service_id from service_view"
                + " where service_name = ?1 and (?2 = '' or service_id = ?2) order by created_at desc limit 1")
                .setParameter(1, serviceName)
                .setParameter(2, serviceId == null ? "" : serviceId)
                .getResultList();
        if (known.isEmpty()) {
            return Response.status(404).entity(new Failure("ResourceNotFoundException", "No service named '"
                    + serviceName + "'" + (serviceId == null || serviceId.isBlank() ? "" : " with ID '" + serviceId + "'")
                    + " is known. List services with `aws apprunner list-services`.")).build();
        }
        String id = serviceId == null || serviceId.isBlank() ? (String) known.get(0) : serviceId;
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("select"
                + " floor(extract(epoch from minute) / ?1) * ?1 as bucket, sum(sample_count), sum(sum), min(minimum),"
                + " max(maximum) from metric_minutes where service_name = ?2 and service_id = ?3 and metric = ?4"
                + " and minute >= ?5 and minute < ?6 group by bucket order by bucket")
                .setParameter(1, seconds)
                .setParameter(2, serviceName)
                .setParameter(3, id)
                .setParameter(4, name.wire())
                .setParameter(5, Timestamp.from(from))
                .setParameter(6, Timestamp.from(to))
                .getResultList();
        List<Datapoint> points = new ArrayList<>();
        for (Object[] r : rows) {
            long count = ((Number) r[1]).longValue();
            double sum = ((Number) r[2]).doubleValue();
            points.add(new Datapoint(Instant.ofEpochSecond(((Number) r[0]).longValue()), sum,
                    count == 0 ? 0 : sum / count, ((Number) r[3]).doubleValue(), ((Number) r[4]).doubleValue(), count,
                    unit(name)));
        }
        return Response.ok(new Statistics("AWS/AppRunner", name.wire(), serviceName, id, seconds, points)).build();
    }

    /** The metrics the store holds for a service (CloudWatch's ListMetrics, for one service). */
    @GET
    @Path("/names")
    public Map<String, Object> names() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("select distinct service_name, service_id,"
                + " metric from metric_minutes order by 1, 2, 3").getResultList();
        List<Map<String, String>> metrics = new ArrayList<>();
        for (Object[] r : rows) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("serviceName", (String) r[0]);
            m.put("serviceId", (String) r[1]);
            m.put("metricName", (String) r[2]);
            metrics.add(m);
        }
        return Map.of("namespace", "AWS/AppRunner", "metrics", metrics);
    }

    static String unit(MetricName name) {
        switch (name) {
            case RequestLatency:
                return "Milliseconds";
            case CPUUtilization:
            case MemoryUtilization:
                return "Percent";
            default:
                return "Count";
        }
    }

    private static Response invalid(String message) {
        return Response.status(400).entity(new Failure("InvalidParameterValue", message)).build();
    }
}
