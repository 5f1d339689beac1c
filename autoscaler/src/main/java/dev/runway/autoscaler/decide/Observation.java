package dev.runway.autoscaler.decide;

import java.time.Instant;

/**
 * One period's look at a service, from {@code runway.metrics}.
 *
 * @param time        when the period ended
 * @param concurrency requests in flight and waiting, averaged over the period
 * @param instances   instances that were serving then
 * @param requests    requests that ended in the period
 */
public record Observation(Instant time, double concurrency, int instances, long requests) {

    /** A look whose request count does not matter (it carried load, or the test is not about idleness). */
    public Observation(Instant time, double concurrency, int instances) {
        this(time, concurrency, instances, concurrency > 0 ? 1 : 0);
    }

    /** Whether nothing happened in the period: no request ended, none was in flight or waiting. */
    public boolean quiet() {
        return requests == 0 && concurrency == 0;
    }
}
