package dev.runway.events.model;

import java.util.List;

/**
 * One revision's part in a service's traffic as it takes effect ({@code TrafficShifted}): its share
 * in whole percent, its tag (null when none) and the endpoints its instances listen on. The active
 * revision's endpoints change with scaling and are followed through {@code RevisionActivated}; the
 * ones here are those of the other revisions, which run a fixed number of instances.
 */
public record RevisionTraffic(int revision, int percent, String tag, List<Endpoint> endpoints) {

    public RevisionTraffic {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }
}
