package dev.runway.router.route;

import dev.runway.events.Envelope;
import dev.runway.events.event.RevisionActivated;
import dev.runway.events.event.ServiceCreated;
import dev.runway.events.event.ServiceDeleted;
import dev.runway.events.event.ServiceEvent;
import dev.runway.events.event.ServiceInstancesStopped;
import dev.runway.events.event.ServiceScaled;
import dev.runway.events.event.ServiceScalingLimitsChanged;
import dev.runway.events.event.ServiceStatusChanged;
import dev.runway.events.event.TrafficShifted;
import dev.runway.events.model.ServiceStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The router's view of which host goes where: a state follower. It starts from the registry's
 * snapshot ({@link #loadSnapshot}) and then applies {@code runway.events} ({@link #apply}).
 *
 * <p>Each service's stream version decides: an event is applied only when its version is greater
 * than the one the table holds for that service, so replays and duplicates change nothing.
 * Deleted services are remembered and never come back, whatever stale event arrives later.
 *
 * <p>Reads ({@link #route}) come from many event loops and never block; writes come from the
 * single follower thread and are serialized. No I/O, no framework.
 */
public final class RouteTable {

    private final Map<String, Route> byHost = new ConcurrentHashMap<>();
    private final Map<String, Route> byArn = new ConcurrentHashMap<>();
    private final Set<String> deleted = new HashSet<>();
    private volatile boolean loaded;
    private volatile Map<String, String> aliases = Map.of();

    /** The route served at {@code host} (already normalized, see {@link Hosts}), a service's or a custom domain's. */
    public Optional<Route> route(String host) {
        Route route = byHost.get(host);
        if (route == null) {
            String arn = aliases.get(host);
            int dot = host.indexOf('.');
            if (arn == null && dot > 0) {
                // a wildcard custom domain covers one label (*.example.com: a.example.com, not a.b.example.com)
                arn = aliases.get("*" + host.substring(dot));
            }
            route = arn == null ? null : byArn.get(arn);
        }
        if (route == null) {
            return tagged(host);
        }
        return Optional.ofNullable(route);
    }

    /** {@code <tag>--<service host>}: the revision of that service the tag names, alone. */
    private Optional<Route> tagged(String host) {
        int dashes = host.indexOf("--");
        int dot = host.indexOf('.');
        if (dashes <= 0 || dot < 0 || dashes > dot) {
            return Optional.empty();
        }
        Route service = byHost.get(host.substring(dashes + 2));
        return service == null ? Optional.empty() : service.tagged(host.substring(0, dashes));
    }

    /** Replaces the custom domains served (host → service ARN); a service's own host wins over an alias. */
    public void aliases(Map<String, String> hostToServiceArn) {
        aliases = Map.copyOf(hostToServiceArn);
    }

    /** The custom domains served now. */
    public Map<String, String> aliases() {
        return aliases;
    }

    /** The route of a service, by ARN. */
    public Optional<Route> routeOf(String serviceArn) {
        return Optional.ofNullable(byArn.get(serviceArn));
    }

    /** Whether the first snapshot has been applied; until then the router does not know any host. */
    public boolean isLoaded() {
        return loaded;
    }

    /** How many hosts are routed. */
    public int size() {
        return byHost.size();
    }

    /** A copy of every route, for readiness data and logs. */
    public List<Route> routes() {
        return List.copyOf(byHost.values());
    }

    /**
     * Merges the registry's snapshot into the table, entry by entry with the same version rule as
     * events, and marks the table loaded. A snapshot entry with status DELETED counts as a deletion.
     */
    public synchronized List<RouteChange> loadSnapshot(Collection<Route> snapshot) {
        List<RouteChange> changes = new ArrayList<>();
        for (Route entry : snapshot) {
            String arn = entry.serviceArn();
            Route current = byArn.get(arn);
            if (deleted.contains(arn)) {
                changes.add(new RouteChange.Skipped(arn, entry.streamVersion(), "service was deleted"));
            } else if (current != null && entry.streamVersion() <= current.streamVersion()) {
                changes.add(stale(arn, entry.streamVersion(), current));
            } else if (entry.status() == ServiceStatus.DELETED) {
                changes.add(remove(current != null ? current : entry));
            } else {
                changes.add(put(current, entry));
            }
        }
        loaded = true;
        return changes;
    }

    /** Applies one envelope from {@code runway.events}; anything but a versioned service event is skipped. */
    public RouteChange apply(Envelope envelope) {
        if (!(envelope.payload() instanceof ServiceEvent event)) {
            return new RouteChange.Skipped(envelope.resourceArn(), envelope.streamVersion(),
                    "not a service event (" + envelope.type() + ")");
        }
        if (envelope.streamVersion() == null) {
            return new RouteChange.Skipped(event.serviceArn(), null, "event has no stream version");
        }
        return apply(event, envelope.streamVersion());
    }

    /** Applies one service event that is version {@code streamVersion} of its service's stream. */
    public synchronized RouteChange apply(ServiceEvent event, long streamVersion) {
        String arn = event.serviceArn();
        if (deleted.contains(arn)) {
            return new RouteChange.Skipped(arn, streamVersion, "service was deleted");
        }
        Route current = byArn.get(arn);
        if (current != null && streamVersion <= current.streamVersion()) {
            return stale(arn, streamVersion, current);
        }
        if (event instanceof ServiceCreated created) {
            Optional<String> host = Hosts.fromServiceUrl(created.serviceUrl());
            if (host.isEmpty()) {
                return new RouteChange.Rejected(arn, streamVersion,
                        "service URL '" + created.serviceUrl() + "' has no host");
            }
            return put(current, new Route(arn, created.serviceName(), host.get(),
                    ServiceStatus.OPERATION_IN_PROGRESS, streamVersion, List.of()));
        }
        if (current == null) {
            return new RouteChange.Skipped(arn, streamVersion, "unknown service");
        }
        if (event instanceof ServiceStatusChanged changed) {
            return put(current, current.withStatus(changed.currentStatus(), streamVersion));
        }
        if (event instanceof RevisionActivated activated) {
            Route moved = current.withEndpoints(activated.endpoints(), streamVersion)
                    .withRevision(activated.revision(), activated.operationId() != null, streamVersion);
            // a deployment sets the instance count afresh, as the registry does
            return put(current, activated.operationId() != null
                    ? moved.withInstances(activated.endpoints().size(), streamVersion) : moved);
        }
        if (event instanceof ServiceScaled scaled) {
            return put(current, current.withScale(scaled.fromInstances(), scaled.toInstances(), streamVersion));
        }
        if (event instanceof ServiceScalingLimitsChanged limits) {
            return put(current, current.withLimits(limits.limits().maxConcurrency(), limits.limits().maxSize(),
                    streamVersion));
        }
        if (event instanceof ServiceInstancesStopped) {
            return put(current, current.withEndpoints(List.of(), streamVersion).withSplit(null, streamVersion));
        }
        if (event instanceof TrafficShifted shifted) {
            return put(current, current.withSplit(Split.of(shifted.traffic()), streamVersion));
        }
        if (event instanceof ServiceDeleted) {
            return remove(current);
        }
        Route advanced = current.atVersion(streamVersion);
        byArn.put(arn, advanced);
        byHost.computeIfPresent(current.host(), (h, r) -> r.serviceArn().equals(arn) ? advanced : r);
        return new RouteChange.VersionAdvanced(arn, streamVersion);
    }

    private RouteChange put(Route before, Route after) {
        String arn = after.serviceArn();
        if (before != null && !before.host().equals(after.host())) {
            byHost.computeIfPresent(before.host(), (h, r) -> r.serviceArn().equals(arn) ? null : r);
        }
        byArn.put(arn, after);
        byHost.put(after.host(), after);
        return before == null ? new RouteChange.Added(after) : new RouteChange.Updated(before, after);
    }

    private RouteChange remove(Route route) {
        String arn = route.serviceArn();
        deleted.add(arn);
        byArn.remove(arn);
        byHost.computeIfPresent(route.host(), (h, r) -> r.serviceArn().equals(arn) ? null : r);
        return new RouteChange.Removed(route);
    }

    private static RouteChange stale(String arn, long version, Route current) {
        return new RouteChange.Skipped(arn, version,
                "already applied (table holds version " + current.streamVersion() + ")");
    }
}
