package dev.runway.router.metrics;

import dev.runway.events.metrics.ServiceDimensions;
import dev.runway.events.metrics.TrafficMeasured;
import dev.runway.router.route.Route;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The router's figures in Micrometer (served as Prometheus text at {@code /q/metrics} on the admin
 * port), with App Runner's CloudWatch metric names: counters {@code apprunner_requests_total},
 * {@code apprunner_2xx_status_responses_total}, {@code ..._4xx_...}, {@code ..._5xx_...}; gauges
 * {@code apprunner_request_latency_milliseconds{quantile}}, {@code apprunner_concurrency},
 * {@code apprunner_concurrency_max} (of the last period), {@code apprunner_active_instances}.
 * Service series carry {@code service_name} and {@code service_id}; instance series have their own
 * names ({@code apprunner_instance_...}) with an {@code instance} label as well, so summing a name
 * never counts a request twice.
 *
 * <p>Fed from the per-period aggregation ({@link TrafficMeter#close}), not per request: the proxy's
 * hot path stays as it is, and a count shows up in the exposition at most one period late.
 */
public final class PrometheusFigures {

    private static final String[] QUANTILES = {"0.5", "0.9", "0.99"};

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> gaugeBits = new ConcurrentHashMap<>();
    private final Set<String> activeServices = ConcurrentHashMap.newKeySet();

    public PrometheusFigures(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Adds one period's counts and sets its gauges. */
    public void record(TrafficMeasured measured) {
        ServiceDimensions dims = ServiceDimensions.of(measured.serviceArn());
        Tags service = Tags.of("service_name", dims.serviceName(), "service_id", dims.serviceId());
        apply("apprunner", service, measured.service());
        measured.instances().forEach((instance, figures) -> apply("apprunner.instance",
                service.and("instance", instance), figures));
    }

    /** Sets {@code apprunner_active_instances} for every routed service; drops it for those gone. */
    public void routes(List<Route> routes) {
        Set<String> now = routes.stream().map(Route::serviceArn).collect(Collectors.toSet());
        for (Route route : routes) {
            ServiceDimensions dims = ServiceDimensions.of(route.serviceArn());
            gauge("apprunner.active.instances", null, Tags.of("service_name", dims.serviceName(), "service_id",
                    dims.serviceId()), "Instances ready to take the service's traffic", route.endpoints().size());
            activeServices.add(route.serviceArn());
        }
        for (String arn : List.copyOf(activeServices)) {
            if (!now.contains(arn)) {
                ServiceDimensions dims = ServiceDimensions.of(arn);
                Meter gone = registry.find("apprunner.active.instances").tags("service_name", dims.serviceName(),
                        "service_id", dims.serviceId()).gauge();
                if (gone != null) {
                    registry.remove(gone);
                }
                gaugeBits.remove(key("apprunner.active.instances", Tags.of("service_name", dims.serviceName(),
                        "service_id", dims.serviceId())));
                activeServices.remove(arn);
            }
        }
    }

    private void apply(String prefix, Tags tags, TrafficMeasured.Figures figures) {
        count(prefix + ".requests", tags, "Requests received (App Runner: Requests)", figures.requests());
        count(prefix + ".2xx.status.responses", tags, "Answers 1xx-3xx (App Runner: 2xxStatusResponses)",
                figures.status2xx());
        count(prefix + ".4xx.status.responses", tags, "Answers 4xx (App Runner: 4xxStatusResponses)",
                figures.status4xx());
        count(prefix + ".5xx.status.responses", tags, "Answers 5xx or broken (App Runner: 5xxStatusResponses)",
                figures.status5xx());
        double[] latencies = {figures.latencyP50Millis(), figures.latencyP90Millis(), figures.latencyP99Millis()};
        for (int i = 0; i < QUANTILES.length; i++) {
            gauge(prefix + ".request.latency", "milliseconds", tags.and("quantile", QUANTILES[i]),
                    "Arrival to end of answer over the last period (App Runner: RequestLatency)", latencies[i]);
        }
        gauge(prefix + ".concurrency", null, tags, "Requests in flight (and waiting), averaged over the last period "
                + "(App Runner: Concurrency)", figures.concurrency());
        gauge(prefix + ".concurrency.max", null, tags, "Most requests in flight (and waiting) at one look in the "
                + "last period", figures.maxConcurrency());
    }

    private void count(String name, Tags tags, String help, long n) {
        Counter counter = Counter.builder(name).tags(tags).description(help).register(registry);
        if (n > 0) {
            counter.increment(n);
        }
    }

    private void gauge(String name, String unit, Tags tags, String help, double value) {
        AtomicLong bits = gaugeBits.computeIfAbsent(key(name, tags), k -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder(name, holder, h -> Double.longBitsToDouble(h.get())).baseUnit(unit).tags(tags)
                    .description(help).register(registry);
            return holder;
        });
        bits.set(Double.doubleToLongBits(value));
    }

    private static String key(String name, Tags tags) {
        return name + tags;
    }
}
