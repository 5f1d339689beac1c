package dev.runway.events.model;

/**
 * The figures of an auto scaling configuration revision that scaling and the router act on.
 *
 * @param minSize        instances a service always has (and a new revision starts with)
 * @param maxSize        the most instances it scales to
 * @param maxConcurrency requests one instance serves at once
 */
public record AutoScalingLimits(int minSize, int maxSize, int maxConcurrency) {

    /** App Runner's DefaultConfiguration: MinSize 1, MaxSize 25, MaxConcurrency 100. */
    public static final AutoScalingLimits DEFAULT = new AutoScalingLimits(1, 25, 100);

    public AutoScalingLimits {
        minSize = Math.max(1, minSize);
        maxSize = Math.max(minSize, maxSize);
        maxConcurrency = Math.max(1, maxConcurrency);
    }

    /** {@code n} moved into [minSize, maxSize]. */
    public int clamp(int n) {
        return Math.max(minSize, Math.min(maxSize, n));
    }
}
