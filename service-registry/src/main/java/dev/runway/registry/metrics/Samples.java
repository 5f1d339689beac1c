package dev.runway.registry.metrics;

import dev.runway.events.Message;
import dev.runway.events.metrics.InstancesMeasured;
import dev.runway.events.metrics.TrafficMeasured;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * What one {@code runway.metrics} message adds to the store: a sample per metric, in the minute its
 * period ended in. Pure.
 */
final class Samples {

    /** One value (and the most seen within it, for Maximum) of one metric in one minute. */
    record Sample(MetricName metric, Instant minute, double value, double maximum) {
    }

    /** The samples of a message, or an empty list for a message the store does not keep. */
    static List<Sample> of(Message message) {
        List<Sample> out = new ArrayList<>();
        if (message instanceof TrafficMeasured traffic) {
            // the period ends on its last millisecond's minute: 10:01:00.000 closes 10:00:59.xxx
            Instant minute = traffic.periodEnd().minusMillis(1).truncatedTo(ChronoUnit.MINUTES);
            TrafficMeasured.Figures f = traffic.service();
            add(out, MetricName.Requests, minute, f.requests());
            add(out, MetricName._2xxStatusResponses, minute, f.status2xx());
            add(out, MetricName._4xxStatusResponses, minute, f.status4xx());
            add(out, MetricName._5xxStatusResponses, minute, f.status5xx());
            if (f.requests() > 0) {
                // a second's p99 is one sample: Average is the typical p99, Maximum the worst
                add(out, MetricName.RequestLatency, minute, f.latencyP99Millis());
            }
            out.add(new Sample(MetricName.Concurrency, minute, f.concurrency(), f.maxConcurrency()));
        } else if (message instanceof InstancesMeasured instances) {
            Instant minute = instances.measuredAt().truncatedTo(ChronoUnit.MINUTES);
            add(out, MetricName.ActiveInstances, minute, instances.activeInstances());
            if (!instances.instances().isEmpty()) {
                add(out, MetricName.CPUUtilization, minute, instances.service().cpuPercent());
                add(out, MetricName.MemoryUtilization, minute, instances.service().memoryPercent());
            }
        }
        return out;
    }

    /** When the message's figures were taken: with its source and service, what makes it unique. */
    static Instant periodEnd(Message message) {
        if (message instanceof TrafficMeasured traffic) {
            return traffic.periodEnd();
        }
        if (message instanceof InstancesMeasured instances) {
            return instances.measuredAt();
        }
        return null;
    }

    static String source(Message message) {
        if (message instanceof TrafficMeasured traffic) {
            return traffic.source();
        }
        if (message instanceof InstancesMeasured instances) {
            return instances.source();
        }
        return null;
    }

    private static void add(List<Sample> out, MetricName metric, Instant minute, double value) {
        out.add(new Sample(metric, minute, value, value));
    }

    private Samples() {
    }
}
