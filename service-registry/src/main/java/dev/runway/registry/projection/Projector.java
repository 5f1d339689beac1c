package dev.runway.registry.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.runway.events.event.ConnectionCreated;
import dev.runway.events.event.ConnectionDeleted;
import dev.runway.events.event.ConnectionEvent;
import dev.runway.events.event.ConnectionHandshakeCompleted;
import dev.runway.events.event.OperationFailed;
import dev.runway.events.query.RouteSnapshot;
import dev.runway.registry.connection.ConnectionDecider;
import dev.runway.registry.connection.ConnectionView;
import dev.runway.events.event.OperationStarted;
import dev.runway.events.event.OperationSucceeded;
import dev.runway.events.event.RevisionActivated;
import dev.runway.events.event.ServiceConfigurationChanged;
import dev.runway.events.event.ServiceCreated;
import dev.runway.events.event.ServiceDeleted;
import dev.runway.events.event.ServiceEvent;
import dev.runway.events.event.ServiceInstancesStopped;
import dev.runway.events.event.ServiceStatusChanged;
import dev.runway.events.model.OperationStatus;
import dev.runway.events.model.ServiceStatus;
import dev.runway.events.wire.Json;
import dev.runway.registry.resource.ResourceProjector;
import dev.runway.registry.store.EventStore;
import dev.runway.registry.store.EventStore.Recorded;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * Keeps the read models in step with the events. Runs in the appending transaction, so a read
 * that follows an accepted command sees it; skips what it has already applied, so the tables can
 * be dropped and rebuilt from the log.
 */
@ApplicationScoped
public class Projector {

    private final EventStore store;
    private final ResourceProjector resources;

    public Projector(EventStore store, ResourceProjector resources) {
        this.store = store;
        this.resources = resources;
    }

    public void apply(Recorded recorded) {
        resources.apply(recorded);
        if (recorded.envelope().payload() instanceof dev.runway.events.event.EventRuleEvent rule) {
            dev.runway.registry.rule.RuleProjection.apply(rule, recorded.globalPosition());
            return;
        }
        if (recorded.envelope().payload() instanceof dev.runway.events.secret.ParameterEvent p) {
            dev.runway.registry.parameter.ParameterProjection.apply(p, recorded.globalPosition());
            return;
        }
        if (recorded.envelope().payload() instanceof dev.runway.events.secret.SecretEvent s) {
            dev.runway.registry.secrets.SecretProjection.apply(s, recorded.globalPosition());
            return;
        }
        if (recorded.envelope().payload() instanceof ConnectionEvent c) {
            applyConnection(c, recorded.globalPosition());
            return;
        }
        if (!(recorded.envelope().payload() instanceof ServiceEvent event)) {
            return;
        }
        long position = recorded.globalPosition();
        Instant at = recorded.envelope().time();
        long version = recorded.envelope().streamVersion();
        ServiceView service = ServiceView.findById(event.serviceArn());
        if (service != null && service.lastPosition >= position) {
            return;
        }
        if (event instanceof ServiceCreated c) {
            service = new ServiceView();
            service.serviceArn = c.serviceArn();
            service.serviceId = c.serviceId();
            service.serviceName = c.serviceName();
            service.serviceUrl = c.serviceUrl();
            service.status = ServiceStatus.OPERATION_IN_PROGRESS.name();
            service.configuration = json(c.configuration());
            service.tags = json(c.tags());
            service.endpoints = "[]";
            service.createdAt = c.createdAt();
        } else if (event instanceof ServiceStatusChanged s) {
            service.status = s.currentStatus().name();
            service.statusMessage = s.message();
        } else if (event instanceof RevisionActivated a) {
            service.activeRevision = a.revision();
            service.endpoints = json(a.endpoints());
            if (a.operationId() != null) {
                service.desiredInstances = a.endpoints().size();
                service.traffic = null; // a deployment takes all the traffic
            }
        } else if (event instanceof dev.runway.events.event.RolloutStarted r) {
            service.rollout = json(new RouteSnapshot.Rollout(r.operationId(), r.revision(), r.fromRevision(),
                    r.steps(), r.intervalSeconds(), 0, null));
        } else if (event instanceof dev.runway.events.event.RolloutStepped r && service.rollout != null) {
            RouteSnapshot.Rollout was = rollout(service.rollout);
            service.rollout = json(new RouteSnapshot.Rollout(was.operationId(), was.revision(), was.fromRevision(),
                    was.steps(), was.intervalSeconds(), r.percent(), r.at()));
        } else if (event instanceof dev.runway.events.event.TrafficShifted t) {
            service.traffic = t.traffic().isEmpty() ? null : json(t.traffic());
        } else if (event instanceof dev.runway.events.event.ServiceScaled s) {
            service.desiredInstances = s.toInstances();
        } else if (event instanceof dev.runway.events.event.ServiceScalingLimitsChanged l) {
            service.minSize = l.limits().minSize();
            service.maxSize = l.limits().maxSize();
            service.maxConcurrency = l.limits().maxConcurrency();
        } else if (event instanceof ServiceInstancesStopped) {
            service.activeRevision = null;
            service.endpoints = "[]";
            service.traffic = null;
        } else if (event instanceof ServiceConfigurationChanged c) {
            service.configuration = json(c.configuration());
        } else if (event instanceof ServiceDeleted d) {
            service.deletedAt = d.deletedAt();
        } else if (event instanceof OperationStarted o) {
            OperationView op = new OperationView();
            op.operationId = o.operationId();
            op.serviceArn = o.serviceArn();
            op.type = o.operationType().name();
            op.status = OperationStatus.IN_PROGRESS.name();
            op.startedAt = o.startedAt();
            op.updatedAt = o.startedAt();
            op.lastPosition = position;
            op.persist();
        } else if (event instanceof OperationSucceeded o) {
            service.rollout = null; // whatever the operation was, no rollout is under way after it
            finish(o.operationId(), OperationStatus.SUCCEEDED, null, o.endedAt(), position);
        } else if (event instanceof dev.runway.events.event.RolloutRolledBack b) {
            // the failure that follows ends the operation as App Runner ends a rolled-back one
            OperationView op = OperationView.findById(b.operationId());
            if (op != null && op.lastPosition < position) {
                op.status = OperationStatus.ROLLBACK_IN_PROGRESS.name();
                op.lastPosition = position;
            }
        } else if (event instanceof OperationFailed o) {
            OperationView op = OperationView.findById(o.operationId());
            boolean rolledBack = op != null && OperationStatus.ROLLBACK_IN_PROGRESS.name().equals(op.status);
            service.rollout = null;
            finish(o.operationId(), rolledBack ? OperationStatus.ROLLBACK_SUCCEEDED : OperationStatus.FAILED,
                    o.reason(), o.endedAt(), position);
        }
        // scaling (to zero and back included) is no update of the service: DescribeService's
        // UpdatedAt stays, as on App Runner
        boolean scaling = event instanceof dev.runway.events.event.ServiceScaled
                || event instanceof RevisionActivated a && a.operationId() == null;
        if (!scaling) {
            service.updatedAt = at;
        }
        service.streamVersion = version;
        service.lastPosition = position;
        service.persist();
    }

    private static void applyConnection(ConnectionEvent event, long position) {
        ConnectionView view = ConnectionView.findById(event.connectionArn());
        if (view != null && view.lastPosition >= position) {
            return;
        }
        if (event instanceof ConnectionCreated c) {
            view = new ConnectionView();
            view.connectionArn = c.connectionArn();
            view.connectionName = c.connectionName();
            view.providerType = c.providerType();
            view.tags = json(c.tags());
            view.createdAt = c.createdAt();
            view.status = ConnectionDecider.PENDING;
        } else if (view == null) {
            return;
        } else if (event instanceof ConnectionHandshakeCompleted) {
            view.status = ConnectionDecider.AVAILABLE;
        } else if (event instanceof ConnectionDeleted) {
            view.status = ConnectionDecider.DELETED;
        }
        view.lastPosition = position;
        view.persist();
    }

    /**
     * Drops the read models and replays every event in global order, in one transaction (readers
     * see the old tables or the new ones, never half). Writes are flushed and the persistence
     * context emptied once per page, not per event: holding every view it loaded made each flush
     * check them all, and a rebuild of 1M events slower with every page.
     */
    @Transactional
    @io.quarkus.narayana.jta.runtime.TransactionConfiguration(timeout = 3600)
    public long rebuild() {
        ConnectionView.deleteAll();
        OperationView.deleteAll();
        ServiceView.deleteAll();
        resources.clear();
        dev.runway.registry.rule.RuleProjection.clear();
        dev.runway.registry.parameter.ParameterProjection.clear();
        dev.runway.registry.secrets.SecretProjection.clear();
        ServiceView.flush();
        var entities = ServiceView.getEntityManager();
        long position = 0;
        long applied = 0;
        while (true) {
            List<Recorded> page = store.readAll(position, 500);
            if (page.isEmpty()) {
                break;
            }
            for (Recorded r : page) {
                apply(r);
                position = r.globalPosition();
                applied++;
            }
            // what apply reads next sees the page's writes (the queries it makes flush them anyway)
            entities.flush();
            entities.clear();
        }
        Log.infof("projections rebuilt from %d events", applied);
        return applied;
    }

    private static void finish(java.util.UUID id, OperationStatus status, String message, Instant endedAt,
            long position) {
        OperationView op = OperationView.findById(id);
        if (op == null || op.lastPosition >= position) {
            return;
        }
        op.status = status.name();
        op.statusMessage = message;
        op.endedAt = endedAt;
        op.updatedAt = endedAt;
        op.lastPosition = position;
    }

    private static RouteSnapshot.Rollout rollout(String json) {
        try {
            return Json.MAPPER.readValue(json, RouteSnapshot.Rollout.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
