package dev.runway.router.follow;

import dev.runway.events.model.ServiceStatus;
import dev.runway.events.query.RegistryQueries;
import dev.runway.events.query.RouteSnapshot;
import dev.runway.router.route.Hosts;
import dev.runway.router.route.Route;
import dev.runway.router.route.Split;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the route snapshot ({@link RouteSnapshot}, events-schema) from the service-registry's
 * {@code GET /internal/routes}. Blocking; the follower thread calls it.
 */
public final class RegistrySnapshots implements SnapshotSource {

    private final RegistryQueries queries;
    private final URI uri;

    public RegistrySnapshots(String registryUrl, Duration timeout) {
        this.queries = new RegistryQueries(registryUrl, timeout);
        this.uri = URI.create(queries.baseUrl() + "/internal/routes");
    }

    public URI uri() {
        return uri;
    }

    @Override
    public List<Route> fetch() throws IOException, InterruptedException {
        return routes(queries.routes());
    }

    static List<Route> routes(RouteSnapshot snapshot) {
        List<Route> routes = new ArrayList<>();
        if (snapshot.routes() == null) {
            return routes;
        }
        for (RouteSnapshot.Route entry : snapshot.routes()) {
            Optional<String> host = Hosts.normalize(entry.host());
            if (entry.serviceArn() == null || host.isEmpty()) {
                Log.warnf("skipping a route of the snapshot without ARN or host: %s", entry);
                continue;
            }
            routes.add(new Route(entry.serviceArn(), entry.serviceName(), host.get(), status(entry.status()),
                    entry.streamVersion(), entry.endpoints(),
                    entry.maxConcurrency() == null ? 0 : entry.maxConcurrency(),
                    entry.maxSize() == null ? 0 : entry.maxSize(),
                    entry.instances() == null ? -1 : entry.instances(),
                    // a service that scales to zero with a count but no endpoints yet is waking
                    entry.idleTimeoutSeconds() != null && entry.instances() != null && entry.instances() > 0
                            && (entry.endpoints() == null || entry.endpoints().isEmpty()),
                    entry.activeRevision() == null ? -1 : entry.activeRevision(), Split.of(entry.traffic())));
        }
        return routes;
    }

    private static ServiceStatus status(String status) {
        if (status == null) {
            return null;
        }
        try {
            return ServiceStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            Log.warnf("unknown service status '%s' in the routes snapshot", status);
            return null;
        }
    }
}
