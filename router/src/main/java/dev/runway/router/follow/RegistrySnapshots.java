package dev.runway.router.follow;

import dev.runway.events.model.ServiceStatus;
import dev.runway.events.query.RouteSnapshot;
import dev.runway.events.wire.Json;
import dev.runway.router.route.Hosts;
import dev.runway.router.route.Route;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the route snapshot ({@link RouteSnapshot}, events-schema) from the service-registry's
 * {@code GET /internal/routes}. Blocking; the follower thread calls it.
 */
public final class RegistrySnapshots implements SnapshotSource {

    private final URI uri;
    private final Duration timeout;
    private final HttpClient http;

    public RegistrySnapshots(String registryUrl, Duration timeout) {
        String base = registryUrl.endsWith("/") ? registryUrl.substring(0, registryUrl.length() - 1) : registryUrl;
        this.uri = URI.create(base + "/internal/routes");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public URI uri() {
        return uri;
    }

    @Override
    public List<Route> fetch() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("the service-registry answered " + response.statusCode() + " to GET " + uri);
        }
        RouteSnapshot snapshot;
        try {
            snapshot = Json.MAPPER.readValue(response.body(), RouteSnapshot.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("the service-registry's routes are not readable JSON: " + e.getOriginalMessage(), e);
        }
        return routes(snapshot);
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
                    entry.streamVersion(), entry.endpoints()));
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
