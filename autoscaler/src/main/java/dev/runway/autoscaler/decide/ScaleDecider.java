package dev.runway.autoscaler.decide;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * How many instances a service should have, as one pure function of what was observed (KPA-like).
 * It keeps nothing between calls: panic mode and the scale-down delay are read off the
 * observations themselves, so an autoscaler that restarts and re-reads the last minute of
 * {@code runway.metrics} decides exactly as before.
 *
 * <ul>
 *   <li>target per instance = MaxConcurrency × target utilisation;</li>
 *   <li>stable: ceil(average concurrency over the stable window / target);</li>
 *   <li>panic: when the panic window's average needs ≥ panicThreshold × the instances serving,
 *       the service grows to what the panic window needs and does not shrink until a whole stable
 *       window passed without such a burst;</li>
 *   <li>scale-down: only to the most instances the stable figure asked for during the delay;</li>
 *   <li>clamped to [MinSize, MaxSize]; without observations the current count stays.</li>
 * </ul>
 */
public final class ScaleDecider {

    /** The outcome: the instance count wanted, and why, in words a user can read in an event. */
    public record Decision(int desired, String reason, boolean panic) {
    }

    public static Decision decide(List<Observation> observations, int current, ScalingLimits limits,
            KpaSettings kpa, Instant now) {
        double target = limits.maxConcurrency() * kpa.targetUtilization();
        List<Observation> stable = within(observations, now, kpa.stableWindow());
        if (stable.isEmpty()) {
            int clamped = clamp(current, limits);
            return new Decision(clamped, clamped == current ? "no traffic figures; keeping " + current
                    + " instance(s)" : "instance range is [" + limits.minSize() + ", " + limits.maxSize() + "]", false);
        }
        double stableAverage = average(stable);
        double panicAverage = average(within(observations, now, kpa.panicWindow()));
        int wantedStable = instancesFor(stableAverage, target);
        int wantedPanic = instancesFor(panicAverage, target);

        boolean panic = false;
        for (Observation o : stable) {
            // a burst at o: the panic window ending there needed panicThreshold × the instances then
            double burst = average(within(observations, o.time(), kpa.panicWindow()));
            if (burst >= kpa.panicThreshold() * Math.max(1, o.instances()) * target) {
                panic = true;
                break;
            }
        }

        int desired;
        String why;
        if (panic) {
            desired = Math.max(current, Math.max(wantedPanic, wantedStable));
            why = String.format(Locale.ROOT, "burst: %.1f concurrent requests over the last %s against %d instance(s)"
                    + " with a target of %.1f each (MaxConcurrency %d × %.0f %%)", panicAverage,
                    seconds(kpa.panicWindow()), current, target, limits.maxConcurrency(),
                    kpa.targetUtilization() * 100);
        } else {
            desired = wantedStable;
            why = String.format(Locale.ROOT, "%.1f concurrent requests on average over the last %s with a target of"
                    + " %.1f per instance (MaxConcurrency %d × %.0f %%)", stableAverage, seconds(kpa.stableWindow()),
                    target, limits.maxConcurrency(), kpa.targetUtilization() * 100);
        }
        if (desired < current) {
            // the scale-down delay: keep what the stable figure needed at any time within it
            int needed = desired;
            for (Observation o : within(observations, now, kpa.scaleDownDelay())) {
                needed = Math.max(needed, instancesFor(average(within(observations, o.time(), kpa.stableWindow())),
                        target));
            }
            Observation oldest = stable.get(0);
            boolean delayCovered = !oldest.time().isAfter(now.minus(kpa.scaleDownDelay()).plusSeconds(1))
                    || kpa.scaleDownDelay().isZero();
            if (needed > desired || !delayCovered) {
                desired = delayCovered ? needed : current;
                why = why + "; scale-down waits for " + seconds(kpa.scaleDownDelay()) + " of lower load";
            }
        }
        int clamped = clamp(desired, limits);
        if (clamped != desired) {
            why = why + "; clamped to [" + limits.minSize() + ", " + limits.maxSize() + "]";
        }
        return new Decision(clamped, why, panic);
    }

    /**
     * For a service that scales to zero: zero instances once a whole {@code idleTimeout} passed
     * without a request ending and with nothing in flight or waiting, as far as the figures reach
     * back (a router publishes every period for a service with instances, so a gap in them is no
     * traffic either, but figures that do not reach the window's start are no proof: then empty).
     */
    public static java.util.Optional<Decision> idle(List<Observation> observations, Duration idleTimeout,
            Instant now) {
        if (observations.isEmpty()) {
            return java.util.Optional.empty();
        }
        Instant oldest = observations.stream().map(Observation::time).min(Instant::compareTo).orElseThrow();
        if (oldest.isAfter(now.minus(idleTimeout).plusSeconds(1))) {
            return java.util.Optional.empty(); // the figures do not reach back a whole window yet
        }
        boolean quiet = within(observations, now, idleTimeout).stream().allMatch(Observation::quiet);
        return quiet ? java.util.Optional.of(new Decision(0, "idle: no requests for " + seconds(idleTimeout)
                + " (runway:idle-timeout)", false)) : java.util.Optional.empty();
    }

    private static int instancesFor(double concurrency, double target) {
        return (int) Math.ceil(concurrency / target - 1e-9);
    }

    private static int clamp(int n, ScalingLimits limits) {
        return Math.max(limits.minSize(), Math.min(limits.maxSize(), n));
    }

    /** Observations in (end − window, end], oldest first (input order kept). */
    private static List<Observation> within(List<Observation> observations, Instant end, Duration window) {
        Instant start = end.minus(window);
        return observations.stream().filter(o -> o.time().isAfter(start) && !o.time().isAfter(end))
                .sorted(java.util.Comparator.comparing(Observation::time)).toList();
    }

    private static double average(List<Observation> observations) {
        return observations.stream().mapToDouble(Observation::concurrency).average().orElse(0);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private ScaleDecider() {
    }
}
