package dev.runway.router.follow;

import dev.runway.events.model.Endpoint;
import java.util.List;

/**
 * The JSON of {@code GET /internal/routes} on the service-registry:
 * {@code {"routes":[{"serviceArn":…,"serviceName":…,"host":…,"status":…,"streamVersion":12,"endpoints":[…]}]}}.
 * Read leniently: unknown fields are ignored, a missing list is empty.
 */
record RoutesSnapshot(List<Entry> routes) {

    RoutesSnapshot {
        routes = routes == null ? List.of() : routes;
    }

    record Entry(
            String serviceArn,
            String serviceName,
            String host,
            String status,
            Long streamVersion,
            List<Endpoint> endpoints) {
    }
}
