package dev.runway.events.model;

/** App Runner's HealthCheckConfiguration with its defaults filled in (SPEC.md §6.2). */
public record HealthCheck(
        String protocol,
        String path,
        int interval,
        int timeout,
        int healthyThreshold,
        int unhealthyThreshold) {

    public static HealthCheck defaults() {
        return new HealthCheck("TCP", "/", 5, 2, 1, 5);
    }
}
