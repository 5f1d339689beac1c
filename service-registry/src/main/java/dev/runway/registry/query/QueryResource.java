package dev.runway.registry.query;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.runway.events.model.Endpoint;
import dev.runway.events.model.ServiceConfiguration;
import dev.runway.events.model.Tag;
import dev.runway.events.query.ConnectionRecord;
import dev.runway.events.query.OperationRecord;
import dev.runway.registry.connection.ConnectionView;
import dev.runway.events.query.Page;
import dev.runway.events.query.RouteSnapshot;
import dev.runway.events.query.ServiceRecord;
import dev.runway.events.wire.Json;
import dev.runway.registry.projection.OperationView;
import dev.runway.registry.projection.Projector;
import dev.runway.registry.projection.ServiceView;
import io.quarkus.panache.common.Sort;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The registry's internal query API over its projections: the api-gateway answers reads from it
 * and the router takes its starting snapshot from it. Bound to loopback like every Runway port.
 */
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
public class QueryResource {

    private static final TypeReference<List<Endpoint>> ENDPOINTS = new TypeReference<>() {
    };
    private static final TypeReference<RouteSnapshot.Rollout> ROLLOUT = new TypeReference<>() {
    };
    private static final TypeReference<List<dev.runway.events.model.RevisionTraffic>> TRAFFIC =
            new TypeReference<>() {
            };
    private static final TypeReference<List<Tag>> TAGS = new TypeReference<>() {
    };

    private static final TypeReference<List<dev.runway.events.model.EventTarget>> TARGETS = new TypeReference<>() {
    };

    private final Projector projector;
    private final dev.runway.registry.store.EventStore store;
    private final dev.runway.registry.resource.ResourceViews resourceViews;

    private final int revisionsKept;

    public QueryResource(Projector projector, dev.runway.registry.store.EventStore store,
            dev.runway.registry.resource.ResourceViews resourceViews, dev.runway.registry.config.RegistryConfig config) {
        this.revisionsKept = config.revisionsKept();
        this.projector = projector;
        this.store = store;
        this.resourceViews = resourceViews;
    }

    /** Every live event rule with its targets, and the rule position they reflect. */
    @GET
    @Path("/event-rules")
    @jakarta.transaction.Transactional
    public dev.runway.events.query.EventRuleSnapshot eventRules() {
        long position = dev.runway.registry.rule.RuleProjection.position();
        List<dev.runway.registry.rule.EventRuleView> rows = dev.runway.registry.rule.EventRuleView.listAll(Sort.by("name"));
        return new dev.runway.events.query.EventRuleSnapshot(position, rows.stream().map(r -> {
            try {
                return new dev.runway.events.query.EventRuleSnapshot.Rule(r.ruleArn, r.name, r.eventPattern, r.state,
                        r.description, Json.MAPPER.readValue(r.targets, TARGETS));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList());
    }

    /**
     * The rule events after {@code after}, oldest first: the gateway's delivery applies them to its
     * matcher one by one rather than re-reading every rule on each change.
     */
    @GET
    @Path("/event-rules/changes")
    @jakarta.transaction.Transactional
    public dev.runway.events.query.EventRuleChanges eventRuleChanges(@QueryParam("after") @DefaultValue("0") long after,
            @QueryParam("limit") @DefaultValue("500") int limit) {
        List<dev.runway.events.query.EventRuleChanges.Change> changes = new java.util.ArrayList<>();
        for (dev.runway.registry.store.EventStore.Recorded r : store.readTypes(after,
                List.of("EventRuleChanged", "EventRuleDeleted"), Math.max(1, Math.min(limit, 1000)))) {
            if (r.envelope().payload() instanceof dev.runway.events.event.EventRuleChanged c) {
                changes.add(new dev.runway.events.query.EventRuleChanges.Change(r.globalPosition(), c.ruleArn(),
                        new dev.runway.events.query.EventRuleSnapshot.Rule(c.ruleArn(), c.name(), c.eventPattern(),
                                c.state(), c.description(), c.targets())));
            } else if (r.envelope().payload() instanceof dev.runway.events.event.EventRuleDeleted d) {
                changes.add(new dev.runway.events.query.EventRuleChanges.Change(r.globalPosition(), d.ruleArn(), null));
            }
        }
        return new dev.runway.events.query.EventRuleChanges(changes);
    }

    /** The global position of the last rule change applied (cheap: the gateway asks before each batch). */
    @GET
    @Path("/event-rules/position")
    public long eventRulesPosition() {
        return dev.runway.registry.rule.RuleProjection.position();
    }

    /** Live services (not DELETED), oldest first. */
    @GET
    @Path("/services")
    public Page<ServiceRecord> services(@QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("20") int limit) {
        List<ServiceView> rows = ServiceView.find("status <> 'DELETED'", Sort.by("createdAt").and("serviceArn"))
                .range(Math.max(0, offset), Math.max(0, offset) + limit).list();
        return page(rows.stream().map(QueryResource::toRecord).toList(), offset, limit);
    }

    /** One service by ARN, deleted ones included; 404 when the registry never knew it. */
    @GET
    @Path("/service")
    public ServiceRecord service(@QueryParam("arn") String arn) {
        ServiceView row = arn == null ? null : ServiceView.findById(arn);
        if (row == null) {
            throw new NotFoundException("no service " + arn);
        }
        return toRecord(row);
    }

    /** A service's operations, newest first; 404 when the service is unknown. */
    @GET
    @Path("/operations")
    public Page<OperationRecord> operations(@QueryParam("serviceArn") String serviceArn,
            @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("20") int limit) {
        if (serviceArn == null || ServiceView.findById(serviceArn) == null) {
            throw new NotFoundException("no service " + serviceArn);
        }
        List<OperationView> rows = OperationView.find("serviceArn", Sort.descending("startedAt"), serviceArn)
                .range(Math.max(0, offset), Math.max(0, offset) + limit).list();
        return page(rows.stream().map(o -> new OperationRecord(o.operationId, o.serviceArn, o.type, o.status,
                o.statusMessage, o.startedAt, o.endedAt, o.updatedAt)).toList(), offset, limit);
    }

    /**
     * A service's revisions, newest first, folded from its stream (Runway's ListRevisions and
     * DescribeTraffic); 404 when the service is unknown.
     */
    @GET
    @Path("/revisions")
    @jakarta.transaction.Transactional
    public List<dev.runway.events.query.RevisionRecord> revisions(@QueryParam("serviceArn") String serviceArn) {
        if (serviceArn == null || ServiceView.findById(serviceArn) == null) {
            throw new NotFoundException("no service " + serviceArn);
        }
        List<dev.runway.registry.service.RevisionHistory.At> stream = new java.util.ArrayList<>();
        for (dev.runway.registry.store.EventStore.Recorded r : store.load(serviceArn)) {
            if (r.envelope().payload() instanceof dev.runway.events.event.ServiceEvent e) {
                stream.add(new dev.runway.registry.service.RevisionHistory.At(r.envelope().time(), e));
            }
        }
        return dev.runway.registry.service.RevisionHistory.revisions(stream, revisionsKept);
    }

    /** Live connections, oldest first; only the one named {@code name} when given. */
    @GET
    @Path("/connections")
    public Page<ConnectionRecord> connections(@QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("20") int limit, @QueryParam("name") String name) {
        var query = name == null
                ? ConnectionView.find("status <> 'DELETED'", Sort.by("createdAt").and("connectionArn"))
                : ConnectionView.find("status <> 'DELETED' and connectionName = ?1", Sort.by("createdAt"), name);
        List<ConnectionView> rows = query.range(Math.max(0, offset), Math.max(0, offset) + limit).list();
        return page(rows.stream().map(QueryResource::toConnection).toList(), offset, limit);
    }

    /** One connection by ARN, deleted ones included. */
    @GET
    @Path("/connection")
    public ConnectionRecord connection(@QueryParam("arn") String arn) {
        ConnectionView row = arn == null ? null : ConnectionView.findById(arn);
        if (row == null) {
            throw new NotFoundException("no connection " + arn);
        }
        return toConnection(row);
    }

    private static ConnectionRecord toConnection(ConnectionView v) {
        return new ConnectionRecord(v.connectionArn, v.connectionName, v.providerType, v.status, read(v.tags, TAGS),
                v.createdAt);
    }

    /** Every live service's host and endpoints with the stream version they reflect. */
    @GET
    @Path("/routes")
    public RouteSnapshot routes() {
        List<ServiceView> rows = ServiceView.list("status <> 'DELETED'");
        Map<String, Integer> idle = resourceViews.idleTimeouts();
        return new RouteSnapshot(rows.stream().map(v -> new RouteSnapshot.Route(v.serviceArn, v.serviceName,
                hostOf(v.serviceUrl), v.status, v.streamVersion, read(v.endpoints, ENDPOINTS), v.maxConcurrency,
                v.maxSize, v.minSize, v.desiredInstances, idle.get(v.serviceArn), v.activeRevision,
                v.traffic == null ? List.of() : read(v.traffic, TRAFFIC),
                v.rollout == null ? null : read(v.rollout, ROLLOUT))).toList());
    }

    /** Drops and replays the read models from the event log (an operator's tool). */
    @POST
    @Path("/projections/rebuild")
    public Map<String, Long> rebuild() {
        return Map.of("eventsApplied", projector.rebuild());
    }

    /** {@code limit + 1} rows were read: the extra one only says whether a next page exists. */
    private static <T> Page<T> page(List<T> rows, int offset, int limit) {
        boolean more = rows.size() > limit;
        return new Page<>(more ? rows.subList(0, limit) : rows, more ? offset + limit : null);
    }

    static String hostOf(String serviceUrl) {
        int colon = serviceUrl.indexOf(':');
        return colon < 0 ? serviceUrl : serviceUrl.substring(0, colon);
    }

    private static ServiceRecord toRecord(ServiceView v) {
        return new ServiceRecord(v.serviceArn, v.serviceId, v.serviceName, v.serviceUrl, v.status, v.statusMessage,
                read(v.configuration, new TypeReference<ServiceConfiguration>() {
                }), read(v.tags, TAGS), v.activeRevision, read(v.endpoints, ENDPOINTS), v.createdAt, v.updatedAt,
                v.deletedAt, v.streamVersion);
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
