package dev.runway.events.metrics;

import dev.runway.events.Message;
import java.time.Instant;
import java.util.Map;

/**
 * One service's traffic over one period (a second), as the router saw it; published on
 * {@code runway.metrics} with the service ARN as key. Names follow App Runner's CloudWatch metrics
 * (SPEC.md): {@code Requests}, {@code 2xxStatusResponses}, {@code 4xxStatusResponses},
 * {@code 5xxStatusResponses}, {@code RequestLatency}, {@code Concurrency}.
 *
 * @param serviceArn   the service
 * @param source       which router measured it (several may serve one service; figures add up)
 * @param periodEnd    when the period ended
 * @param periodMillis how long the period was
 * @param service      the whole service: every request for its host, those the router answered
 *                     itself (429, 503, 504) included; its concurrency counts waiting requests too
 * @param instances    per instance id, the requests it served
 */
public record TrafficMeasured(String serviceArn, String source, Instant periodEnd, long periodMillis,
        Figures service, Map<String, Figures> instances) implements Message {

    public TrafficMeasured {
        instances = instances == null ? Map.of() : Map.copyOf(instances);
    }

    @Override
    public String resourceArn() {
        return serviceArn;
    }

    /**
     * Counts and figures of one period.
     *
     * @param requests          requests that ended in the period
     * @param status2xx         of which answered 2xx (1xx and 3xx count as 2xx, as App Runner's
     *                          metric counts non-error answers); {@code status4xx}, {@code status5xx}
     *                          likewise; a connection broken after the answer began counts as 5xx
     * @param latencyP50Millis  median time from arrival to the end of the answer; 0 without requests
     * @param latencyP90Millis  90th percentile
     * @param latencyP99Millis  99th percentile
     * @param concurrency       requests in flight (and, for a service, waiting), averaged over the period
     * @param maxConcurrency    the most in flight (and waiting) at one sample
     */
    public record Figures(long requests, long status2xx, long status4xx, long status5xx, double latencyP50Millis,
            double latencyP90Millis, double latencyP99Millis, double concurrency, int maxConcurrency) {
    }
}
