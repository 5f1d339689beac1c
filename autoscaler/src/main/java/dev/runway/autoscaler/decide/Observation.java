package dev.runway.autoscaler.decide;

import java.time.Instant;

/**
 * One period's look at a service, from {@code runway.metrics}.
 *
 * @param time        when the period ended
 * @param concurrency requests in flight and waiting, averaged over the period
 * @param instances   instances that were serving then
 */
public record Observation(Instant time, double concurrency, int instances) {
}
