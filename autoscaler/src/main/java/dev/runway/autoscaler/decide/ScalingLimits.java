package dev.runway.autoscaler.decide;

/**
 * A service's auto scaling configuration: requests per instance at once, and the instance range.
 */
public record ScalingLimits(int maxConcurrency, int minSize, int maxSize) {

    /** App Runner's DefaultConfiguration: MaxConcurrency 100, MinSize 1, MaxSize 25. */
    public static final ScalingLimits APP_RUNNER_DEFAULT = new ScalingLimits(100, 1, 25);

    public ScalingLimits {
        maxConcurrency = Math.max(1, maxConcurrency);
        minSize = Math.max(1, minSize);
        maxSize = Math.max(minSize, maxSize);
    }
}
