package dev.runway.router.route;

import java.util.List;

/**
 * Which revision of a split service a request goes to: smooth weighted round robin (nginx's), so
 * that over any run of 100 requests each revision takes its exact percentage, spread out rather
 * than in bursts (90/10 sends one in every ten to the second revision, never ten in a row). Pure
 * but for its counters, which a caller holds per route and mutates under its own discipline (the
 * router's event loop: one thread per route).
 */
public final class WeightedChoice {

    private final int[] weights;
    private final int[] current;
    private final int total;

    /** @param percents each revision's share, in the split's order; at least one above zero */
    public WeightedChoice(List<Integer> percents) {
        this.weights = percents.stream().mapToInt(Integer::intValue).toArray();
        this.current = new int[weights.length];
        int sum = 0;
        for (int w : weights) {
            if (w < 0) {
                throw new IllegalArgumentException("a weight below zero: " + percents);
            }
            sum += w;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("no weight above zero: " + percents);
        }
        this.total = sum;
    }

    /** The index of the revision the next request goes to. */
    public int next() {
        int best = -1;
        for (int i = 0; i < weights.length; i++) {
            current[i] += weights[i];
            if (weights[i] > 0 && (best < 0 || current[i] > current[best])) {
                best = i;
            }
        }
        current[best] -= total;
        return best;
    }
}
