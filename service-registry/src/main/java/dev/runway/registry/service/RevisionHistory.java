package dev.runway.registry.service;

import dev.runway.events.event.DeploymentFailed;
import dev.runway.events.event.DeploymentStarted;
import dev.runway.events.event.RevisionActivated;
import dev.runway.events.event.ServiceDeleted;
import dev.runway.events.event.ServiceEvent;
import dev.runway.events.event.ServiceInstancesStopped;
import dev.runway.events.event.SourceBuilt;
import dev.runway.events.query.RevisionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * A service's revisions as its own events left them (Runway's {@code ListRevisions} and
 * {@code DescribeTraffic}): pure, folded from the stream when asked. A service keeps its last
 * {@code kept} revisions that were ever healthy; only the one taking traffic runs instances, the
 * others are KEPT (their image and configuration stay in the log), older ones RETIRED.
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
            } else if (e instanceof ServiceInstancesStopped) {
                serving = null;
            } else if (e instanceof ServiceDeleted) {
                serving = null;
                deploying = null;
                deleted = true;
            }
        }
        List<Integer> keptOnes = revisions.descendingMap().values().stream().filter(r -> r.healthy)
                .limit(deleted ? 0 : Math.max(1, kept)).map(r -> r.number).toList();
        List<RevisionRecord> out = new ArrayList<>();
        for (Revision r : revisions.descendingMap().values()) {
            String status;
            boolean takesTraffic = Integer.valueOf(r.number).equals(serving);
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
            out.add(new RevisionRecord(r.number, r.image, status, takesTraffic ? 100 : 0,
                    "FAILED".equals(status) ? r.failure : null, r.deployedAt, r.activatedAt));
        }
        out.sort(Comparator.comparingInt(RevisionRecord::revision).reversed());
        return out;
    }

    private RevisionHistory() {
    }
}
