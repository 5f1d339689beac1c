package dev.runway.router.route;

import dev.runway.events.model.Endpoint;
import dev.runway.events.model.RevisionTraffic;
import dev.runway.events.model.ServiceStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one service's traffic goes: its host, the ready endpoints of its active revision, its
 * status (for the text of a 503) and the stream version this view reflects.
 *
 * @param serviceArn    the service's ARN; its event stream id
 * @param serviceName   the name users gave it, for error texts
 * @param host          the route key (see {@link Hosts})
 * @param status        the service's status as last seen
 * @param streamVersion the version of the service's stream this route reflects
 * @param endpoints     the ready instances; empty while none can take traffic
 * @param maxConcurrency requests one instance serves at once (the auto scaling configuration's
 *                      MaxConcurrency); 0 when not known, then the router's default applies
 * @param maxSize       the most instances the service scales to (MaxSize); 0 when not known
 * @param instances     instances the active revision should run (its last scaling decision); -1
 *                      when not known
 * @param waking        the service is coming up from zero instances (a scale from 0 is under way)
 * @param revision      the active revision, whose instances {@code endpoints} are; -1 when not known
 * @param split         how requests divide between revisions (Runway.UpdateTraffic); null when
 *                      every request goes to the active revision
 */
public record Route(
        String serviceArn,
        String serviceName,
        String host,
        ServiceStatus status,
        long streamVersion,
        List<Endpoint> endpoints,
        int maxConcurrency,
        int maxSize,
        int instances,
        boolean waking,
        int revision,
        Split split) {

    public Route {
        Objects.requireNonNull(serviceArn, "serviceArn");
        Objects.requireNonNull(host, "host");
        serviceName = serviceName == null || serviceName.isBlank() ? serviceArn : serviceName;
        status = status == null ? ServiceStatus.OPERATION_IN_PROGRESS : status;
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        maxConcurrency = Math.max(0, maxConcurrency);
        maxSize = Math.max(0, maxSize);
        instances = Math.max(-1, instances);
    }

    /** A route of a service whose revisions do not split its traffic. */
    public Route(String serviceArn, String serviceName, String host, ServiceStatus status, long streamVersion,
            List<Endpoint> endpoints, int maxConcurrency, int maxSize, int instances, boolean waking) {
        this(serviceArn, serviceName, host, status, streamVersion, endpoints, maxConcurrency, maxSize, instances,
                waking, -1, null);
    }

    /** A route whose instance count is not known. */
    public Route(String serviceArn, String serviceName, String host, ServiceStatus status, long streamVersion,
            List<Endpoint> endpoints, int maxConcurrency, int maxSize) {
        this(serviceArn, serviceName, host, status, streamVersion, endpoints, maxConcurrency, maxSize, -1, false);
    }

    /** A route whose auto scaling limits are not known (the router's defaults apply). */
    public Route(String serviceArn, String serviceName, String host, ServiceStatus status, long streamVersion,
            List<Endpoint> endpoints) {
        this(serviceArn, serviceName, host, status, streamVersion, endpoints, 0, 0);
    }

    public boolean hasEndpoints() {
        return !endpoints.isEmpty();
    }

    /**
     * A RUNNING service with no instance ready because it scaled to zero or is coming up from zero:
     * the router holds its requests and wakes it, instead of answering 503 at once.
     */
    public boolean cold() {
        return status == ServiceStatus.RUNNING && endpoints.isEmpty() && (instances == 0 || waking);
    }

    /** Ready endpoints take traffic: the wake, if any, is over. */
    Route withEndpoints(List<Endpoint> newEndpoints, long version) {
        return new Route(serviceArn, serviceName, host, status, version, newEndpoints, maxConcurrency, maxSize,
                instances, waking && newEndpoints.isEmpty(), revision, split);
    }

    Route withStatus(ServiceStatus newStatus, long version) {
        return new Route(serviceArn, serviceName, host, newStatus, version, endpoints, maxConcurrency, maxSize,
                instances, waking, revision, split);
    }

    Route atVersion(long version) {
        return new Route(serviceArn, serviceName, host, status, version, endpoints, maxConcurrency, maxSize,
                instances, waking, revision, split);
    }

    Route withLimits(int newMaxConcurrency, int newMaxSize, long version) {
        return new Route(serviceArn, serviceName, host, status, version, endpoints, newMaxConcurrency, newMaxSize,
                instances, waking, revision, split);
    }

    /** A scaling decision: from zero it wakes the service, until its first instances are ready. */
    Route withScale(int from, int to, long version) {
        boolean wakes = to > 0 && endpoints.isEmpty() && (from == 0 || waking);
        return new Route(serviceArn, serviceName, host, status, version, endpoints, maxConcurrency, maxSize, to,
                wakes, revision, split);
    }

    /** A deployment's instances: it sets the count afresh. */
    Route withInstances(int count, long version) {
        return new Route(serviceArn, serviceName, host, status, version, endpoints, maxConcurrency, maxSize, count,
                false, revision, split);
    }

    /** A revision became active; a deployment's ({@code deployment}) takes all the traffic, ending any split. */
    Route withRevision(int newRevision, boolean deployment, long version) {
        return new Route(serviceArn, serviceName, host, status, version, endpoints, maxConcurrency, maxSize,
                instances, waking, newRevision, deployment ? null : split);
    }

    /** A traffic change took effect (null: every request to the active revision). */
    Route withSplit(Split newSplit, long version) {
        return new Route(serviceArn, serviceName, host, status, version, endpoints, maxConcurrency, maxSize,
                instances, waking, revision, newSplit);
    }

    /**
     * Where one untagged request goes: the whole route, or under a split the revision the weighted
     * choice picks, as a route of that revision's endpoints alone (the active revision's are the
     * live ones, which follow scaling).
     */
    public Route forRequest() {
        if (split == null) {
            return this;
        }
        RevisionTraffic share = split.next();
        if (share.revision() != revision && share.endpoints().isEmpty()) {
            // its instances died and are being replaced: the active revision answers meanwhile
            return narrowed(new RevisionTraffic(revision, share.percent(), null, endpoints));
        }
        return narrowed(share);
    }

    /** The route of the revision {@code tag} names ({@code <tag>--<service host>}); empty when none does. */
    public Optional<Route> tagged(String tag) {
        return split == null ? Optional.empty() : split.tagged(tag).map(this::narrowed);
    }

    private Route narrowed(RevisionTraffic share) {
        List<Endpoint> to = share.revision() == revision ? endpoints : share.endpoints();
        return new Route(serviceArn, serviceName, host, status, streamVersion, to, maxConcurrency, maxSize,
                instances, waking && share.revision() == revision, share.revision(), null);
    }
}
