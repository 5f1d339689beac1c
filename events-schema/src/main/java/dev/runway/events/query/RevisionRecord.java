package dev.runway.events.query;

import java.time.Instant;

/**
 * One revision of a service ({@code GET /internal/revisions}), a Runway extension: App Runner
 * shows no revisions.
 *
 * @param revision        its number, 1 for the service's first deployment
 * @param imageIdentifier the image it runs (a code service's build output once built; null before)
 * @param status          {@code DEPLOYING}, {@code SERVING} (takes the service's traffic),
 *                        {@code KEPT} (was healthy and is kept, without instances, among the
 *                        service's last {@code RUNWAY_REVISIONS_KEPT}), {@code FAILED} (its
 *                        deployment failed) or {@code RETIRED} (no longer kept)
 * @param trafficPercent  the share of the service's requests it takes, 0–100
 * @param statusMessage   why it is FAILED; null otherwise
 * @param deployedAt      when its deployment started
 * @param activatedAt     when it last started taking traffic; null if it never did
 */
public record RevisionRecord(int revision, String imageIdentifier, String status, int trafficPercent,
        String statusMessage, Instant deployedAt, Instant activatedAt) {
}
