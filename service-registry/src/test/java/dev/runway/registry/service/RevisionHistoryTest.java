package dev.runway.registry.service;

import static dev.runway.registry.service.ServiceDeciderTest.ARN;
import static dev.runway.registry.service.ServiceDeciderTest.CONFIG;
import static dev.runway.registry.service.ServiceDeciderTest.ENDPOINTS;
import static dev.runway.registry.service.ServiceDeciderTest.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runway.events.event.DeploymentFailed;
import dev.runway.events.event.DeploymentStarted;
import dev.runway.events.event.RevisionActivated;
import dev.runway.events.event.ServiceDeleted;
import dev.runway.events.event.ServiceEvent;
import dev.runway.events.event.ServiceInstancesStopped;
import dev.runway.events.query.RevisionRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A service's revisions folded from its events: which take traffic, which are kept, which retired. */
class RevisionHistoryTest {

    private final List<RevisionHistory.At> stream = new ArrayList<>();

    private void given(ServiceEvent... events) {
        for (ServiceEvent e : events) {
            stream.add(new RevisionHistory.At(NOW.plusSeconds(stream.size()), e));
        }
    }

    private void deployed(int revision) {
        UUID op = UUID.randomUUID();
        given(new DeploymentStarted(ARN, op, revision, "img:" + revision, CONFIG),
                new RevisionActivated(ARN, op, revision, ENDPOINTS));
    }

    private static List<String> statuses(List<RevisionRecord> revisions) {
        return revisions.stream().map(r -> r.revision() + " " + r.status() + " " + r.trafficPercent()).toList();
    }

    @Test
    void theNewestHealthyRevisionTakesEveryRequestAndTheLastNAreKept() {
        for (int i = 1; i <= 5; i++) {
            deployed(i);
        }

        List<RevisionRecord> revisions = RevisionHistory.revisions(stream, 3);

        assertEquals(List.of("5 SERVING 100", "4 KEPT 0", "3 KEPT 0", "2 RETIRED 0", "1 RETIRED 0"),
                statuses(revisions));
        assertEquals("img:5", revisions.get(0).imageIdentifier());
        assertEquals(NOW.plusSeconds(9), revisions.get(0).activatedAt());
    }

    @Test
    void aFailedDeploymentIsFailedWithItsReasonAndTheServingRevisionKeepsTheTraffic() {
        deployed(1);
        UUID op = UUID.randomUUID();
        given(new DeploymentStarted(ARN, op, 2, "img:2", CONFIG), new DeploymentFailed(ARN, op, 2, "exit 1"));

        List<RevisionRecord> revisions = RevisionHistory.revisions(stream, 3);

        assertEquals(List.of("2 FAILED 0", "1 SERVING 100"), statuses(revisions));
        assertEquals("exit 1", revisions.get(0).statusMessage());
    }

    @Test
    void aDeploymentInProgressIsDeployingBesideTheServingOne() {
        deployed(1);
        given(new DeploymentStarted(ARN, UUID.randomUUID(), 2, "img:2", CONFIG));

        assertEquals(List.of("2 DEPLOYING 0", "1 SERVING 100"), statuses(RevisionHistory.revisions(stream, 3)));
    }

    @Test
    void scalingMovesEndpointsNotTrafficAndAPausedServiceHasNoTraffic() {
        deployed(1);
        given(new RevisionActivated(ARN, null, 1, List.of()));
        assertEquals(NOW.plusSeconds(1), RevisionHistory.revisions(stream, 3).get(0).activatedAt());

        given(new ServiceInstancesStopped(ARN, UUID.randomUUID()));

        assertEquals(List.of("1 KEPT 0"), statuses(RevisionHistory.revisions(stream, 3)));
    }

    @Test
    void aResumeRedeploysItsRevisionWithoutANewStory() {
        deployed(1);
        given(new ServiceInstancesStopped(ARN, UUID.randomUUID()));
        UUID resume = UUID.randomUUID();
        given(new DeploymentStarted(ARN, resume, 1, "img:1", CONFIG), new RevisionActivated(ARN, resume, 1, ENDPOINTS));

        List<RevisionRecord> revisions = RevisionHistory.revisions(stream, 3);

        assertEquals(List.of("1 SERVING 100"), statuses(revisions));
        assertEquals(NOW, revisions.get(0).deployedAt());
    }

    @Test
    void aDeletedServiceKeepsNone() {
        deployed(1);
        deployed(2);
        given(new ServiceInstancesStopped(ARN, UUID.randomUUID()), new ServiceDeleted(ARN, NOW));

        assertEquals(List.of("2 RETIRED 0", "1 RETIRED 0"), statuses(RevisionHistory.revisions(stream, 3)));
    }
}
