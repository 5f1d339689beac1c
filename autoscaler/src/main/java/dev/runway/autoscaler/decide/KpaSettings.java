package dev.runway.autoscaler.decide;

import java.time.Duration;

/**
 * How eagerly the autoscaler follows load, after Knative's KPA.
 *
 * @param targetUtilization share of MaxConcurrency an instance should carry on average (0.7)
 * @param stableWindow      the average that decides in calm times (60 s)
 * @param panicWindow       the short average that reacts to bursts (6 s)
 * @param panicThreshold    a burst is when the short average needs this many times the instances
 *                          there are (2.0, i.e. 200 %); then the service only grows, until a whole
 *                          stable window has passed without a burst
 * @param scaleDownDelay    fewer instances only when fewer were enough for this long (60 s)
 */
public record KpaSettings(double targetUtilization, Duration stableWindow, Duration panicWindow,
        double panicThreshold, Duration scaleDownDelay) {

    public static final KpaSettings DEFAULTS = new KpaSettings(0.7, Duration.ofSeconds(60), Duration.ofSeconds(6),
            2.0, Duration.ofSeconds(60));

    public KpaSettings {
        if (targetUtilization <= 0 || targetUtilization > 1) {
            throw new IllegalArgumentException("target utilization must be in (0, 1], not " + targetUtilization);
        }
        if (panicWindow.compareTo(stableWindow) > 0) {
            throw new IllegalArgumentException("the panic window must not be longer than the stable window");
        }
    }
}
