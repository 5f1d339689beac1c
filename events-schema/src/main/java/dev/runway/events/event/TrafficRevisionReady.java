package dev.runway.events.event;

import dev.runway.events.model.Endpoint;
import java.util.List;
import java.util.UUID;

/**
 * A revision a traffic change needs is healthy at these endpoints; it takes requests only with the
 * {@link TrafficShifted} that follows once every such revision is.
 */
public record TrafficRevisionReady(String serviceArn, UUID operationId, int revision, List<Endpoint> endpoints)
        implements ServiceEvent {

    public TrafficRevisionReady {
        endpoints = List.copyOf(endpoints);
    }
}
