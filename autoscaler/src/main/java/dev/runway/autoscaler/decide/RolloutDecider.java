package dev.runway.autoscaler.decide;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Whether a gradual rollout goes on, as one pure function of the figures of the revision rolling
 * out and of the one it replaces during the current step, with the clock passed in (Runway's
 * gradual rollouts). The new revision is rolled back as soon as its 5xx rate or its p99 latency
 * is worse than the old one's by more than the margins, and only on enough requests to tell;
 * otherwise it takes the next step's share once the step's interval is over. "Not enough data"
 * is a value: {@link Hold}.
 */
public final class RolloutDecider {

    /** What was asked: the shares of the new revision step by step (the last is 100) and how long each lasts. */
    public record Plan(List<Integer> steps, Duration interval) {
    }

    /**
     * When the new revision counts as worse: its 5xx rate above the old one's by more than
     * {@code errorRatePoints} percentage points, or its p99 above the old one's × {@code latencyFactor}
     * + {@code latencySlackMillis}; judged only once each revision served {@code minRequests}.
     */
    public record Margins(double errorRatePoints, double latencyFactor, double latencySlackMillis, long minRequests) {
        public static final Margins DEFAULT = new Margins(5.0, 1.5, 100, 20);
    }

    /** One revision's figures over the step so far. */
    public record Figures(int revision, long requests, long status5xx, double latencyP99Millis) {
        double errorRate() {
            return requests == 0 ? 0 : 100.0 * status5xx / requests;
        }
    }

    /** The outcome. */
    public sealed interface Decision permits Hold, Advance, RollBack {
        String reason();
    }

    /** Keep the current share for now. */
    public record Hold(String reason) implements Decision {
    }

    /** Give the new revision {@code percent} (100: the rollout is done). */
    public record Advance(int percent, String reason) implements Decision {
    }

    /** Send every request back to the old revision. */
    public record RollBack(String reason) implements Decision {
    }

    /**
     * @param step      the index in {@code plan.steps()} the rollout is at
     * @param stepStart when that step's share took effect
     */
    public static Decision decide(Plan plan, int step, Instant stepStart, Figures newer, Figures older,
            Margins margins, Instant now) {
        boolean enough = newer.requests() >= margins.minRequests() && older.requests() >= margins.minRequests();
        if (enough) {
            if (newer.errorRate() > older.errorRate() + margins.errorRatePoints()) {
                return new RollBack(String.format(Locale.ROOT, "5xx rate %.1f %% on revision %d (%d of %d requests)"
                        + " against %.1f %% on revision %d (%d of %d); the margin is %.1f points",
                        newer.errorRate(), newer.revision(), newer.status5xx(), newer.requests(), older.errorRate(),
                        older.revision(), older.status5xx(), older.requests(), margins.errorRatePoints()));
            }
            double limit = older.latencyP99Millis() * margins.latencyFactor() + margins.latencySlackMillis();
            if (newer.latencyP99Millis() > limit) {
                return new RollBack(String.format(Locale.ROOT, "p99 latency %.0f ms on revision %d against %.0f ms on"
                        + " revision %d; the limit is %.0f ms (× %.1f + %.0f ms)", newer.latencyP99Millis(),
                        newer.revision(), older.latencyP99Millis(), older.revision(), limit, margins.latencyFactor(),
                        margins.latencySlackMillis()));
            }
        }
        int share = plan.steps().get(step);
        if (now.isBefore(stepStart.plus(plan.interval()))) {
            return new Hold(String.format(Locale.ROOT, "step %d of %d (%d %%) until %s", step + 1, plan.steps().size(),
                    share, stepStart.plus(plan.interval())));
        }
        if (!enough && newer.errorRate() > older.errorRate() + margins.errorRatePoints()) {
            // worse on too few requests to judge: neither a verdict nor a step forward
            return new Hold(String.format(Locale.ROOT, "waiting for %d requests on each revision to judge a 5xx rate"
                    + " of %.1f %% on revision %d (%d of %d)", margins.minRequests(), newer.errorRate(),
                    newer.revision(), newer.status5xx(), newer.requests()));
        }
        if (step + 1 >= plan.steps().size()) {
            return new Advance(100, "rollout complete");
        }
        int next = plan.steps().get(step + 1);
        String figures = enough
                ? String.format(Locale.ROOT, "5xx rate %.1f %% against %.1f %%, p99 %.0f ms against %.0f ms",
                        newer.errorRate(), older.errorRate(), newer.latencyP99Millis(), older.latencyP99Millis())
                : "too few requests to judge (" + newer.requests() + " on revision " + newer.revision() + ", "
                        + older.requests() + " on revision " + older.revision() + ")";
        return new Advance(next, String.format(Locale.ROOT, "%d %% → %d %%: %s", share, next, figures));
    }

    private RolloutDecider() {
    }
}
