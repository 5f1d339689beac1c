package dev.runway.events.model;

/**
 * One revision's figures over a gradual rollout's step, as the autoscaler measured them from the
 * router's: requests answered by its instances, how many were 5xx, and their p99 latency.
 */
public record RolloutFigures(int revision, long requests, long status5xx, double latencyP99Millis) {

    /** The 5xx share in percent (0 without requests). */
    public double errorRate() {
        return requests == 0 ? 0 : 100.0 * status5xx / requests;
    }
}
