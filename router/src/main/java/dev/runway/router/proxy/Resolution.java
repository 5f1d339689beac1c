package dev.runway.router.proxy;

import dev.runway.events.model.Endpoint;
import dev.runway.router.route.Hosts;
import dev.runway.router.route.Route;
import dev.runway.router.route.RouteTable;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;

/** Where a request goes: to an endpoint of a service, or nowhere, for a reason. */
sealed interface Resolution {

    record Forward(Route route, Endpoint endpoint) implements Resolution {
    }

    record Refuse(ProxyFailure failure) implements Resolution {
    }

    /** The service scaled to zero (or is coming up from it): hold the request and wake it. */
    record Hold(Route route) implements Resolution {
    }

    /**
     * The whole routing decision for one request, as one plain function of its {@code Host}
     * header, the table, the load per endpoint and the endpoints already tried.
     */
    static Resolution resolve(String hostHeader, RouteTable table, ToIntFunction<Endpoint> outstanding,
            int rotation, Set<Endpoint> tried) {
        Optional<String> host = Hosts.normalize(hostHeader);
        if (host.isEmpty()) {
            return new Refuse(new ProxyFailure.MissingHost());
        }
        if (!table.isLoaded()) {
            return new Refuse(new ProxyFailure.RoutesNotLoaded());
        }
        Optional<Route> route = table.route(host.get());
        if (route.isEmpty()) {
            return new Refuse(new ProxyFailure.UnknownHost(host.get()));
        }
        // under a traffic split, the revision this request goes to (a tagged host's already is one)
        Route r = route.get().forRequest();
        if (r.cold()) {
            return new Hold(r);
        }
        List<Endpoint> candidates = tried.isEmpty() ? r.endpoints()
                : r.endpoints().stream().filter(e -> !tried.contains(e)).toList();
        return UpstreamChoice.leastOutstanding(candidates, outstanding, rotation)
                .<Resolution>map(endpoint -> new Forward(r, endpoint))
                .orElseGet(() -> new Refuse(new ProxyFailure.NoReadyInstances(r.serviceName(), r.status())));
    }
}
