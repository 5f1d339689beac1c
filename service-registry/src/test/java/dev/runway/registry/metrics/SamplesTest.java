package dev.runway.registry.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.metrics.InstancesMeasured;
import dev.runway.events.metrics.TrafficMeasured;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What a runway.metrics message adds to the store, in which minute. */
class SamplesTest {

    private static final String ARN = "arn:aws:apprunner:us-east-1:000000000000:service/demo/0123abcd";

    @Test
    void shouldTurnASecondOfTrafficIntoOneSamplePerMetricInTheMinuteItCovered() {
        // a period ending exactly on the minute covered the second before it
        TrafficMeasured traffic = new TrafficMeasured(ARN, "router-1", Instant.parse("2026-11-23T10:01:00Z"), 1000,
                new TrafficMeasured.Figures(12, 9, 2, 1, 2.0, 5.0, 8.5, 3.5, 6), Map.of());

        Map<MetricName, Samples.Sample> samples = byMetric(Samples.of(traffic));

        assertEquals(Instant.parse("2026-11-23T10:00:00Z"), samples.get(MetricName.Requests).minute());
        assertEquals(12, samples.get(MetricName.Requests).value());
        assertEquals(9, samples.get(MetricName._2xxStatusResponses).value());
        assertEquals(2, samples.get(MetricName._4xxStatusResponses).value());
        assertEquals(1, samples.get(MetricName._5xxStatusResponses).value());
        assertEquals(8.5, samples.get(MetricName.RequestLatency).value());
        assertEquals(3.5, samples.get(MetricName.Concurrency).value());
        assertEquals(6, samples.get(MetricName.Concurrency).maximum());
        assertEquals("router-1", Samples.source(traffic));
        assertEquals(traffic.periodEnd(), Samples.periodEnd(traffic));
    }

    @Test
    void shouldLeaveLatencyOutOfASecondWithoutRequests() {
        TrafficMeasured idle = new TrafficMeasured(ARN, "router-1", Instant.parse("2026-11-23T10:00:30Z"), 1000,
                new TrafficMeasured.Figures(0, 0, 0, 0, 0, 0, 0, 0, 0), Map.of());

        assertTrue(!byMetric(Samples.of(idle)).containsKey(MetricName.RequestLatency));
    }

    @Test
    void shouldTurnInstanceUsageIntoCpuMemoryAndActiveInstances() {
        InstancesMeasured usage = new InstancesMeasured(ARN, "deploy-worker-1", Instant.parse("2026-11-23T10:00:35Z"),
                2, new InstancesMeasured.Usage(12.5, 40), Map.of("a", new InstancesMeasured.Usage(20, 45),
                        "b", new InstancesMeasured.Usage(5, 35)));

        Map<MetricName, Samples.Sample> samples = byMetric(Samples.of(usage));

        assertEquals(12.5, samples.get(MetricName.CPUUtilization).value());
        assertEquals(40, samples.get(MetricName.MemoryUtilization).value());
        assertEquals(2, samples.get(MetricName.ActiveInstances).value());
        assertEquals(Instant.parse("2026-11-23T10:00:00Z"), samples.get(MetricName.ActiveInstances).minute());
    }

    @Test
    void shouldKnowAppRunnersNamesOnly() {
        assertEquals(MetricName._2xxStatusResponses, MetricName.of("2xxStatusResponses"));
        assertEquals(null, MetricName.of("_2xxStatusResponses"));
        assertEquals(null, MetricName.of("requests"));
    }

    private static Map<MetricName, Samples.Sample> byMetric(List<Samples.Sample> samples) {
        return samples.stream().collect(Collectors.toMap(Samples.Sample::metric, s -> s));
    }
}
