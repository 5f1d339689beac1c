package dev.runway.events.report;

import dev.runway.events.model.Endpoint;
import java.util.List;
import java.util.UUID;

/**
 * The deploy-worker scaled a revision towards {@code instances}: these healthy instances run now.
 * {@code failure} is null on success; otherwise it says why not all of them could be started
 * (the endpoints are then the instances that do run).
 */
public record RevisionScaled(String serviceArn, int revision, int instances, List<Endpoint> endpoints,
        String failure) implements Report {

    public RevisionScaled {
        endpoints = List.copyOf(endpoints);
    }

    @Override
    public UUID operationId() {
        return null;
    }
}
