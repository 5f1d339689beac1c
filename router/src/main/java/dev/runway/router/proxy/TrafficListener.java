package dev.runway.router.proxy;

import dev.runway.events.model.Endpoint;
import dev.runway.router.route.Route;

/** Hears how each routed request ended, for metrics. Called on event loops: must not block. */
@FunctionalInterface
public interface TrafficListener {

    TrafficListener NONE = (route, endpoint, status, nanos) -> {
    };

    /**
     * One request to a known service ended.
     *
     * @param route    the service's route
     * @param endpoint the instance that served it; null when none did (429, 503, 504 in the queue)
     * @param status   the status the client got; 0 when the connection broke after the head
     * @param nanos    from the request's arrival to its end
     */
    void completed(Route route, Endpoint endpoint, int status, long nanos);
}
