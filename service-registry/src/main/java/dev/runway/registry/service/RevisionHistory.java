package dev.runway.registry.service;

import dev.runway.events.event.DeploymentFailed;
import dev.runway.events.event.DeploymentStarted;
import dev.runway.events.event.RevisionActivated;
import dev.runway.events.event.ServiceDeleted;
import dev.runway.events.event.ServiceEvent;
import dev.runway.events.event.ServiceInstancesStopped;
import dev.runway.events.event.SourceBuilt;
import dev.runway.events.event.TrafficShifted;
import dev.runway.events.model.RevisionTraffic;
import dev.runway.events.query.RevisionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * A service's revisions as its own events left them (Runway's {@code ListRevisions} and
 * {@code DescribeTraffic}): pure, folded from the stream when asked. A service keeps its last
 * {@code kept} revisions that were ever healthy; the ones taking traffic (the active one, and any a
 * Runway.UpdateTraffic split gives a share or a tag) are SERVING and run instances, the others are
 * KEPT (their image and configuration stay in the log), older ones RETIRED.
 */
public final class RevisionHistory {

    /** One event of the stream with the time it was recorded. */
    public record At(Instant time, ServiceEvent event) {
    }

    private static final class Revision {
        final int number;
        String image;
        Instant deployedAt;
        Instant activatedAt;
        boolean healthy;
        String failure;

        Revision(int number) {
            this.number = number;
        }
    }

    /** Every revision the service started, newest first. */
    public static List<RevisionRecord> revisions(List<At> stream, int kept) {
        TreeMap<Integer, Revision> revisions = new TreeMap<>();
        Integer serving = null;
        // the split (Runway.UpdateTraffic): revision → share and tag; empty when all goes to serving
        java.util.Map<Integer, Integer> shares = new java.util.HashMap<>();
        java.util.Map<Integer, String> tags = new java.util.HashMap<>();
        Integer deploying = null;
        boolean deleted = false;
        for (At at : stream) {
            ServiceEvent e = at.event();
            if (e instanceof DeploymentStarted d) {
                Revision r = revisions.computeIfAbsent(d.revision(), Revision::new);
                if (r.deployedAt == null) { // a resume deploys the revision it had: it keeps its story
                    r.deployedAt = at.time();
                    r.image = d.imageIdentifier();
                }
                r.failure = null;
                deploying = d.revision();
            } else if (e instanceof SourceBuilt b && revisions.containsKey(b.revision()) && b.image() != null) {
                revisions.get(b.revision()).image = b.image().imageIdentifier();
            } else if (e instanceof RevisionActivated a && revisions.containsKey(a.revision())) {
                Revision r = revisions.get(a.revision());
                if (a.operationId() != null || !r.healthy) {
                    r.activatedAt = at.time(); // scaling moves endpoints, not traffic
                }
                r.healthy = true;
                serving = a.revision();
                if (a.operationId() != null) {
                    shares.clear(); // a deployment takes all the traffic
                    tags.clear();
                }
                if (Integer.valueOf(a.revision()).equals(deploying)) {
                    deploying = null;
                }
            } else if (e instanceof DeploymentFailed f && revisions.containsKey(f.revision())) {
                Revision r = revisions.get(f.revision());
                if (!r.healthy) {
                    r.failure = f.reason();
                }
                if (Integer.valueOf(f.revision()).equals(deploying)) {
                    deploying = null;
                }
            } else if (e instanceof TrafficShifted t) {
                shares.clear();
                tags.clear();
                for (RevisionTraffic share : t.traffic()) {
                    shares.put(share.revision(), share.percent());
                    if (share.tag() != null) {
                        tags.put(share.revision(), share.tag());
                    }
                    if (t.operationId() != null && revisions.containsKey(share.revision()) && share.percent() > 0) {
                        revisions.get(share.revision()).activatedAt = at.time();
                    }
                }
            } else if (e instanceof ServiceInstancesStopped) {
                serving = null;
                shares.clear();
                tags.clear();
            } else if (e instanceof ServiceDeleted) {
                serving = null;
                deploying = null;
                deleted = true;
                shares.clear();
                tags.clear();
            }
        }
        List<Integer> keptOnes = revisions.descendingMap().values().stream().filter(r -> r.healthy)
                .limit(deleted ? 0 : Math.max(1, kept)).map(r -> r.number).toList();
        List<RevisionRecord> out = new ArrayList<>();
        for (Revision r : revisions.descendingMap().values()) {
            String status;
            int percent = serving == null ? 0 : shares.isEmpty()
                    ? (r.number == serving ? 100 : 0) : shares.getOrDefault(r.number, 0);
            boolean takesTraffic = percent > 0 || tags.containsKey(r.number)
                    || Integer.valueOf(r.number).equals(serving);
            if (takesTraffic) {
                status = "SERVING";
            } else if (Integer.valueOf(r.number).equals(deploying)) {
                status = "DEPLOYING";
            } else if (r.failure != null) {
                status = "FAILED";
            } else if (keptOnes.contains(r.number)) {
                status = "KEPT";
            } else {
                status = "RETIRED";
            }
            out.add(new RevisionRecord(r.number, r.image, status, percent,
                    "FAILED".equals(status) ? r.failure : null, r.deployedAt, r.activatedAt, tags.get(r.number)));
        }
        out.sort(Comparator.comparingInt(RevisionRecord::revision).reversed());
        return out;
    }

    private RevisionHistory() {
    }
}
