package dev.runway.events.query;

import java.time.Instant;

/**
 * One revision of a service ({@code GET /internal/revisions}), a Runway extension: App Runner
 * shows no revisions.
 *
 * @param revision        its number, 1 for the service's first deployment
 * @param imageIdentifier the image it runs (a code service's build output once built; null before)
 * @param status          {@code DEPLOYING}, {@code SERVING} (takes a share of the service's traffic, or has a tag),
 *                        {@code KEPT} (was healthy and is kept, without instances, among the
 *                        service's last {@code RUNWAY_REVISIONS_KEPT}), {@code FAILED} (its
 *                        deployment failed) or {@code RETIRED} (no longer kept)
 * @param trafficPercent  the share of the service's requests it takes, 0–100
 * @param statusMessage   why it is FAILED; null otherwise
 * @param deployedAt      when its deployment started
 * @param activatedAt     when it last started taking traffic; null if it never did
 * @param tag             the tag that reaches it at {@code <tag>--<service host>}; null when none
 */
public record RevisionRecord(int revision, String imageIdentifier, String status, int trafficPercent,
        String statusMessage, Instant deployedAt, Instant activatedAt, String tag) {

    public RevisionRecord(int revision, String imageIdentifier, String status, int trafficPercent,
            String statusMessage, Instant deployedAt, Instant activatedAt) {
        this(revision, imageIdentifier, status, trafficPercent, statusMessage, deployedAt, activatedAt, null);
    }
}
