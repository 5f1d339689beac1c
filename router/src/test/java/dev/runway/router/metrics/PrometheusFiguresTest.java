package dev.runway.router.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.model.Endpoint;
import dev.runway.events.model.ServiceStatus;
import dev.runway.router.route.Route;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Periods' counts add up in the Prometheus counters under App Runner's names; gauges follow the last period. */
class PrometheusFiguresTest {

    private static final String ARN = "arn:aws:apprunner:us-east-1:000000000000:service/demo/0123abcd";
    private static final Endpoint A = new Endpoint("i-a", "127.0.0.1", 20001);
    private static final Route DEMO = new Route(ARN, "demo", "demo.localhost", ServiceStatus.RUNNING, 1, List.of(A),
            10, 5);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PrometheusFigures figures = new PrometheusFigures(registry);
    private final TrafficMeter meter = new TrafficMeter("router-1");

    @Test
    void shouldAddEveryPeriodsCountsUnderAppRunnersNames() {
        for (int period = 0; period < 3; period++) {
            for (int i = 0; i < 10; i++) {
                meter.completed(DEMO, A, i < 7 ? 200 : 404, 2_000_000L);
            }
            meter.completed(DEMO, null, 503, 1_000_000L);
            meter.close(Instant.parse("2026-11-23T10:00:01Z").plusSeconds(period), 1000).forEach(figures::record);
        }
        figures.routes(List.of(DEMO));
        String text = registry.scrape();

        String service = "service_id=\"0123abcd\",service_name=\"demo\",";
        assertTrue(text.contains("apprunner_requests_total{" + service + "} 33.0"), text);
        assertTrue(text.contains("apprunner_2xx_status_responses_total{" + service + "} 21.0"), text);
        assertTrue(text.contains("apprunner_4xx_status_responses_total{" + service + "} 9.0"), text);
        assertTrue(text.contains("apprunner_5xx_status_responses_total{" + service + "} 3.0"), text);
        assertTrue(text.contains("apprunner_instance_requests_total{instance=\"i-a\"," + service + "} 30.0"), text);
        assertTrue(text.contains("apprunner_request_latency_milliseconds{quantile=\"0.5\"," + service + "} 2.0"), text);
        assertTrue(text.contains("apprunner_active_instances{" + service + "} 1.0"), text);
    }

    @Test
    void shouldDropActiveInstancesOfAServiceNoLongerRouted() {
        figures.routes(List.of(DEMO));
        figures.routes(List.of());

        assertFalse(registry.scrape().contains("apprunner_active_instances{"));
    }
}
