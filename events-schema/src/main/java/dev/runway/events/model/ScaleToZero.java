package dev.runway.events.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runway's scale-to-zero extension, carried as tags on a service so that App Runner clients can
 * set it ({@code aws apprunner tag-resource}, or {@code --tags} at create): App Runner's MinSize
 * is 1–25 and its clients refuse 0 before sending.
 *
 * <ul>
 *   <li>{@value #MIN_SIZE_TAG}{@code =0} turns it on: after {@code idleTimeout} without requests the
 *       service's instances go to zero, and the router wakes it on the next request;</li>
 *   <li>{@value #IDLE_TIMEOUT_TAG}{@code =<seconds>} sets that idle window
 *       ({@value #MIN_IDLE_SECONDS}–{@value #MAX_IDLE_SECONDS}, default {@value #DEFAULT_IDLE_SECONDS}).</li>
 * </ul>
 * Any other key under {@value #PREFIX} but {@value #BUILD_FROM_TAG} and {@link RolloutPlan}'s is
 * refused, so a misspelt one does not pass silently.
 *
 * @param idleTimeoutSeconds the window without requests after which the service goes to zero
 */
public record ScaleToZero(int idleTimeoutSeconds) {

    public static final String PREFIX = "runway:";
    public static final String MIN_SIZE_TAG = "runway:min-size";
    public static final String IDLE_TIMEOUT_TAG = "runway:idle-timeout";
    public static final int MIN_IDLE_SECONDS = 10;
    public static final int MAX_IDLE_SECONDS = 900;
    public static final int DEFAULT_IDLE_SECONDS = 300;
    /** Runway's other tag extension, read and checked where code services are built. */
    public static final String BUILD_FROM_TAG = "runway:build-from";

    /**
     * The setting the tags give: empty when scale to zero is off.
     *
     * @throws IllegalArgumentException naming the tag, when a Runway tag is unknown or its value is
     *                                  not one Runway takes
     */
    public static Optional<ScaleToZero> fromTags(List<Tag> tags) {
        String minSize = null;
        String idle = null;
        for (Tag tag : tags == null ? List.<Tag>of() : tags) {
            String key = tag.key() == null ? "" : tag.key();
            if (!key.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
                continue;
            }
            if (key.equals(MIN_SIZE_TAG)) {
                minSize = tag.value();
            } else if (key.equals(IDLE_TIMEOUT_TAG)) {
                idle = tag.value();
            } else if (!key.equals(BUILD_FROM_TAG) && !key.equals(RolloutPlan.ROLLOUT_TAG)
                    && !key.equals(RolloutPlan.INTERVAL_TAG)) {
                throw new IllegalArgumentException("Tag key '" + key + "' is not a Runway extension: keys starting with "
                        + PREFIX + " are Runway's, and it reads " + MIN_SIZE_TAG + ", " + IDLE_TIMEOUT_TAG + ", "
                        + RolloutPlan.ROLLOUT_TAG + ", " + RolloutPlan.INTERVAL_TAG + " and " + BUILD_FROM_TAG + ".");
            }
        }
        if (minSize != null && !minSize.strip().equals("0") && !minSize.strip().equals("1")) {
            throw new IllegalArgumentException("Tag " + MIN_SIZE_TAG + " is '" + minSize + "'; it takes 0 (scale to zero"
                    + " when idle) or 1 (App Runner's behaviour; set a larger MinSize in the auto scaling configuration).");
        }
        int seconds = DEFAULT_IDLE_SECONDS;
        if (idle != null) {
            String s = idle.strip().toLowerCase(Locale.ROOT);
            if (s.endsWith("s")) {
                s = s.substring(0, s.length() - 1);
            }
            try {
                seconds = s.isEmpty() || s.length() > 9 ? -1 : Integer.parseInt(s);
            } catch (NumberFormatException e) {
                seconds = -1;
            }
            if (seconds < MIN_IDLE_SECONDS || seconds > MAX_IDLE_SECONDS) {
                throw new IllegalArgumentException("Tag " + IDLE_TIMEOUT_TAG + " is '" + idle + "'; it takes a whole"
                        + " number of seconds from " + MIN_IDLE_SECONDS + " to " + MAX_IDLE_SECONDS + " (e.g. 60).");
            }
        }
        return minSize != null && minSize.strip().equals("0") ? Optional.of(new ScaleToZero(seconds))
                : Optional.empty();
    }

    /** As {@link #fromTags}, but tags that do not read (stored before they were checked) mean off. */
    public static Optional<ScaleToZero> fromStoredTags(List<Tag> tags) {
        try {
            return fromTags(tags);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
