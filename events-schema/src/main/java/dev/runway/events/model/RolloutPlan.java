package dev.runway.events.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runway's gradual-rollout extension, carried as tags on a service like {@link ScaleToZero} so that
 * App Runner clients can set it:
 *
 * <ul>
 *   <li>{@value #ROLLOUT_TAG}{@code =10,50,100}: an update of the service (UpdateService,
 *       StartDeployment, an automatic deployment) gives the new revision these shares of traffic
 *       step by step, the old revision the rest, and rolls back by itself when the new one does
 *       worse;</li>
 *   <li>{@value #INTERVAL_TAG}{@code =<seconds>}: how long each step lasts
 *       ({@value #MIN_INTERVAL_SECONDS}–{@value #MAX_INTERVAL_SECONDS}, default
 *       {@value #DEFAULT_INTERVAL_SECONDS}).</li>
 * </ul>
 *
 * @param steps           the new revision's percentage at each step, increasing, the last 100
 * @param intervalSeconds how long each step lasts before the next
 */
public record RolloutPlan(List<Integer> steps, int intervalSeconds) {

    public static final String ROLLOUT_TAG = "runway:rollout";
    public static final String INTERVAL_TAG = "runway:rollout-interval";
    public static final int MIN_INTERVAL_SECONDS = 10;
    public static final int MAX_INTERVAL_SECONDS = 3600;
    public static final int DEFAULT_INTERVAL_SECONDS = 60;
    public static final int MAX_STEPS = 10;

    public RolloutPlan {
        steps = List.copyOf(steps);
    }

    /**
     * The plan the tags give: empty when updates go to 100 % at once (no {@value #ROLLOUT_TAG}).
     *
     * @throws IllegalArgumentException naming the tag, when a value is not one Runway takes
     */
    public static Optional<RolloutPlan> fromTags(List<Tag> tags) {
        String rollout = null;
        String interval = null;
        for (Tag tag : tags == null ? List.<Tag>of() : tags) {
            if (ROLLOUT_TAG.equals(tag.key())) {
                rollout = tag.value();
            } else if (INTERVAL_TAG.equals(tag.key())) {
                interval = tag.value();
            }
        }
        int seconds = DEFAULT_INTERVAL_SECONDS;
        if (interval != null) {
            seconds = wholeSeconds(interval);
            if (seconds < MIN_INTERVAL_SECONDS || seconds > MAX_INTERVAL_SECONDS) {
                throw new IllegalArgumentException("Tag " + INTERVAL_TAG + " is '" + interval + "'; it takes a whole"
                        + " number of seconds from " + MIN_INTERVAL_SECONDS + " to " + MAX_INTERVAL_SECONDS
                        + " (e.g. 60).");
            }
        }
        if (rollout == null) {
            return Optional.empty();
        }
        return Optional.of(new RolloutPlan(steps(rollout), seconds));
    }

    /** As {@link #fromTags}, but tags that do not read (stored before they were checked) mean no rollout. */
    public static Optional<RolloutPlan> fromStoredTags(List<Tag> tags) {
        try {
            return fromTags(tags);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The new revision's share at the first step. */
    public int firstStep() {
        return steps.get(0);
    }

    private static List<Integer> steps(String value) {
        String[] parts = value.split(",", -1);
        List<Integer> steps = new ArrayList<>();
        for (String part : parts) {
            String s = part.strip();
            if (s.endsWith("%")) {
                s = s.substring(0, s.length() - 1).strip();
            }
            int percent;
            try {
                percent = s.isEmpty() || s.length() > 3 ? -1 : Integer.parseInt(s);
            } catch (NumberFormatException e) {
                percent = -1;
            }
            // each step must give the new revision more than the one before, so a plan always ends
            if (percent < 1 || percent > 100 || (!steps.isEmpty() && percent <= steps.get(steps.size() - 1))
                    || parts.length > MAX_STEPS) {
                throw new IllegalArgumentException("Tag " + ROLLOUT_TAG + " is '" + value + "'; it takes up to "
                        + MAX_STEPS + " percentages of traffic for the new revision, comma-separated, each from 1 to"
                        + " 100 and larger than the one before, the last 100 (e.g. 10,50,100).");
            }
            steps.add(percent);
        }
        if (steps.get(steps.size() - 1) != 100) {
            throw new IllegalArgumentException("Tag " + ROLLOUT_TAG + " is '" + value + "'; its last step must be 100"
                    + " (the new revision takes all the traffic), e.g. 10,50,100.");
        }
        return steps;
    }

    private static int wholeSeconds(String value) {
        String s = value.strip().toLowerCase(Locale.ROOT);
        if (s.endsWith("s")) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            return s.isEmpty() || s.length() > 9 ? -1 : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
