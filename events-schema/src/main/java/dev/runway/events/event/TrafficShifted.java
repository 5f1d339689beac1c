package dev.runway.events.event;

import dev.runway.events.model.RevisionTraffic;
import java.util.List;
import java.util.UUID;

/**
 * The service's requests now divide between these revisions by their percentages, and each tag
 * reaches its revision at {@code <tag>--<service host>}. A deployment that activates a revision
 * later sends all traffic to it again (App Runner's behaviour).
 */
public record TrafficShifted(String serviceArn, UUID operationId, List<RevisionTraffic> traffic)
        implements ServiceEvent {

    public TrafficShifted {
        traffic = List.copyOf(traffic);
    }
}
