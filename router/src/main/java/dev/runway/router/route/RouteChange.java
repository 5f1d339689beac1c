package dev.runway.router.route;

/** What applying one event or snapshot entry did to the {@link RouteTable}; the follower logs it. */
public sealed interface RouteChange {

    /** A service got a route (from {@code ServiceCreated} or the snapshot). */
    record Added(Route route) implements RouteChange {
    }

    /** A route's endpoints or status changed. */
    record Updated(Route before, Route after) implements RouteChange {

        public boolean endpointsChanged() {
            return !before.endpoints().equals(after.endpoints());
        }

        public boolean statusChanged() {
            return before.status() != after.status();
        }
    }

    /** The service was deleted; its host no longer routes anywhere. */
    record Removed(Route route) implements RouteChange {
    }

    /** The event was new but changes nothing the router serves; only the version moved. */
    record VersionAdvanced(String serviceArn, long streamVersion) implements RouteChange {
    }

    /** The event is new but cannot be applied as it stands; nothing changed. Worth a warning. */
    record Rejected(String serviceArn, long streamVersion, String reason) implements RouteChange {
    }

    /** Nothing happened, for the reason given (already applied, deleted service, unknown service). */
    record Skipped(String serviceArn, Long streamVersion, String reason) implements RouteChange {
    }
}
