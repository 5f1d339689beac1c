package dev.runway.events.report;

import dev.runway.events.model.Endpoint;
import java.util.List;
import java.util.UUID;

/** The revision's instances passed their health checks and listen at these endpoints. */
public record RevisionDeployed(String serviceArn, UUID operationId, int revision, List<Endpoint> endpoints)
        implements Report {

    public RevisionDeployed {
        endpoints = List.copyOf(endpoints);
    }
}
