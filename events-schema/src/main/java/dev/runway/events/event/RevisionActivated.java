package dev.runway.events.event;

import dev.runway.events.model.Endpoint;
import java.util.List;
import java.util.UUID;

/** Revision {@code revision} is healthy and now receives the service's traffic at these endpoints. */
public record RevisionActivated(String serviceArn, UUID operationId, int revision, List<Endpoint> endpoints)
        implements ServiceEvent {

    public RevisionActivated {
        endpoints = List.copyOf(endpoints);
    }
}
