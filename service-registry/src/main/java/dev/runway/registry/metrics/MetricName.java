package dev.runway.registry.metrics;

import java.util.Arrays;
import java.util.List;

/** App Runner's CloudWatch metrics (namespace {@code AWS/AppRunner}) the metric store keeps. */
public enum MetricName {
    Requests,
    _2xxStatusResponses("2xxStatusResponses"),
    _4xxStatusResponses("4xxStatusResponses"),
    _5xxStatusResponses("5xxStatusResponses"),
    RequestLatency,
    Concurrency,
    CPUUtilization,
    MemoryUtilization,
    ActiveInstances;

    private final String wire;

    MetricName() {
        this.wire = name();
    }

    MetricName(String wire) {
        this.wire = wire;
    }

    /** The name as CloudWatch spells it. */
    public String wire() {
        return wire;
    }

    public static MetricName of(String wire) {
        for (MetricName m : values()) {
            if (m.wire.equals(wire)) {
                return m;
            }
        }
        return null;
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(MetricName::wire).toList();
    }
}
