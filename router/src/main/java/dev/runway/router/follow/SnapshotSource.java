package dev.runway.router.follow;

import dev.runway.router.route.Route;
import java.util.List;

/** Where the route table's starting point comes from: the service-registry's query API, in production. */
@FunctionalInterface
public interface SnapshotSource {

    /** Every route the registry knows now; throws when it cannot answer (the follower retries). */
    List<Route> fetch() throws Exception;
}
