package dev.runway.events.event;

import dev.runway.events.model.TrafficSplit;
import java.util.List;
import java.util.UUID;

/**
 * A traffic change was accepted; the revisions it names that run no instances are being started.
 * Traffic moves only with the {@link TrafficShifted} that follows once they are healthy.
 */
public record TrafficShiftStarted(String serviceArn, UUID operationId, List<TrafficSplit.Entry> traffic)
        implements ServiceEvent {

    public TrafficShiftStarted {
        traffic = List.copyOf(traffic);
    }
}
