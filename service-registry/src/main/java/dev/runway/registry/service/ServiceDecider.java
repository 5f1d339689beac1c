package dev.runway.registry.service;

import static dev.runway.events.model.ServiceStatus.CREATE_FAILED;
import static dev.runway.events.model.ServiceStatus.DELETED;
import static dev.runway.events.model.ServiceStatus.DELETE_FAILED;
import static dev.runway.events.model.ServiceStatus.OPERATION_IN_PROGRESS;
import static dev.runway.events.model.ServiceStatus.RUNNING;

import dev.runway.events.command.Command;
import dev.runway.events.command.CreateService;
import dev.runway.events.command.DeleteService;
import dev.runway.events.event.DeploymentFailed;
import dev.runway.events.event.DeploymentStarted;
import dev.runway.events.event.OperationFailed;
import dev.runway.events.event.OperationStarted;
import dev.runway.events.event.OperationSucceeded;
import dev.runway.events.event.RevisionActivated;
import dev.runway.events.event.ServiceCreated;
import dev.runway.events.event.ServiceDeleted;
import dev.runway.events.event.ServiceEvent;
import dev.runway.events.event.ServiceInstancesStopped;
import dev.runway.events.event.ServiceStatusChanged;
import dev.runway.events.model.OperationType;
import dev.runway.events.model.ServiceStatus;
import dev.runway.events.report.InstancesRestored;
import dev.runway.events.report.InstancesStopFailed;
import dev.runway.events.report.InstancesStopped;
import dev.runway.events.report.Report;
import dev.runway.events.report.RevisionDeployFailed;
import dev.runway.events.report.RevisionDeployed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The Service aggregate as two pure functions: {@code decide} turns a command or a worker's report
 * into events given the current state; {@code evolve} folds an event into the state.
 */
public final class ServiceDecider {

    public static List<ServiceEvent> decide(Command command, ServiceState state, Facts facts) throws Rejection {
        if (command instanceof CreateService create) {
            return create(create, state, facts);
        }
        return delete((DeleteService) command, state, facts.now());
    }

    /** Reports about an operation that is no longer current change nothing: a redelivery or a stale worker. */
    public static List<ServiceEvent> onReport(Report report, ServiceState state, Instant now) {
        if (report instanceof InstancesRestored restored) {
            return onRestored(restored, state);
        }
        if (!state.exists() || state.operation() == null || !isCurrent(report, state)) {
            return List.of();
        }
        String arn = state.serviceArn();
        ServiceState.Operation op = state.operation();
        if (report instanceof RevisionDeployed deployed) {
            return deployed.revision() != state.latestRevision() ? List.of() : List.of(
                    new RevisionActivated(arn, op.id(), deployed.revision(), deployed.endpoints()),
                    new OperationSucceeded(arn, op.id(), op.type(), now),
                    statusChange(state, RUNNING, null));
        }
        if (report instanceof RevisionDeployFailed failed) {
            return failed.revision() != state.latestRevision() ? List.of() : List.of(
                    new DeploymentFailed(arn, op.id(), failed.revision(), failed.reason()),
                    new OperationFailed(arn, op.id(), op.type(), failed.reason(), now),
                    statusChange(state, afterFailedDeployment(state), failed.reason()));
        }
        if (report instanceof InstancesStopped) {
            return List.of(
                    new ServiceInstancesStopped(arn, op.id()),
                    new OperationSucceeded(arn, op.id(), op.type(), now),
                    statusChange(state, DELETED, null),
                    new ServiceDeleted(arn, now));
        }
        InstancesStopFailed failed = (InstancesStopFailed) report;
        return List.of(
                new OperationFailed(arn, op.id(), op.type(), failed.reason(), now),
                statusChange(state, DELETE_FAILED, failed.reason()));
    }

    public static ServiceState evolve(ServiceState state, ServiceEvent event) {
        ServiceState next = state;
        if (event instanceof ServiceCreated c) {
            next = new ServiceState(c.serviceArn(), c.serviceId(), c.serviceName(), c.serviceUrl(),
                    OPERATION_IN_PROGRESS, c.configuration(), null, 0, null, state.version());
        } else if (event instanceof OperationStarted o) {
            next = state.withOperation(new ServiceState.Operation(o.operationId(), o.operationType()));
        } else if (event instanceof ServiceStatusChanged s) {
            next = state.withStatus(s.currentStatus());
        } else if (event instanceof DeploymentStarted d) {
            next = state.withRevisions(d.revision(), state.activeRevision());
        } else if (event instanceof RevisionActivated a) {
            next = state.withRevisions(state.latestRevision(), a.revision());
        } else if (event instanceof ServiceInstancesStopped) {
            next = state.withRevisions(state.latestRevision(), null);
        } else if (event instanceof OperationSucceeded || event instanceof OperationFailed) {
            next = state.withOperation(null);
        }
        // DeploymentFailed and ServiceDeleted are recorded facts that change no decision-relevant state
        return next.withVersion(state.version() + 1);
    }

    public static ServiceState fold(ServiceState state, List<ServiceEvent> events) {
        ServiceState s = state;
        for (ServiceEvent e : events) {
            s = evolve(s, e);
        }
        return s;
    }

    private static List<ServiceEvent> create(CreateService c, ServiceState state, Facts facts) throws Rejection {
        if (state.status() != null) {
            throw new Rejection(Rejection.INVALID_REQUEST, "Service " + c.serviceArn() + " already exists.");
        }
        if (facts.nameInUse()) {
            throw new Rejection(Rejection.INVALID_REQUEST, "A service named '" + c.serviceName()
                    + "' already exists in this account and region. Choose another ServiceName, or delete the"
                    + " existing service first.");
        }
        String arn = c.serviceArn();
        List<ServiceEvent> events = new ArrayList<>();
        events.add(new ServiceCreated(arn, c.serviceId(), c.serviceName(), facts.serviceUrl(), c.configuration(),
                c.tags(), facts.now()));
        events.add(new OperationStarted(arn, c.operationId(), OperationType.CREATE_SERVICE, facts.now()));
        events.add(statusChange(arn, null, OPERATION_IN_PROGRESS, null));
        events.add(new DeploymentStarted(arn, c.operationId(), 1, c.configuration().image().imageIdentifier()));
        return events;
    }

    private static List<ServiceEvent> delete(DeleteService d, ServiceState state, Instant now) throws Rejection {
        if (!state.exists()) {
            throw new Rejection(Rejection.NOT_FOUND, "No service exists with ARN " + d.serviceArn() + ".");
        }
        if (state.status() == OPERATION_IN_PROGRESS) {
            throw new Rejection(Rejection.INVALID_STATE, "Service " + state.serviceName() + " has an operation in"
                    + " progress (" + state.operation().type() + " " + state.operation().id() + "). Try again after"
                    + " it finishes; list-operations shows its progress.");
        }
        return List.of(
                new OperationStarted(d.serviceArn(), d.operationId(), OperationType.DELETE_SERVICE, now),
                statusChange(state, OPERATION_IN_PROGRESS, null));
    }

    /**
     * Replacement instances count only for a service at rest on that revision; during an operation
     * the operation itself decides where traffic goes.
     */
    private static List<ServiceEvent> onRestored(InstancesRestored restored, ServiceState state) {
        boolean atRest = state.exists() && state.status() == RUNNING && state.operation() == null;
        if (!atRest || !Integer.valueOf(restored.revision()).equals(state.activeRevision())) {
            return List.of();
        }
        return List.of(new RevisionActivated(state.serviceArn(), null, restored.revision(), restored.endpoints()));
    }

    private static boolean isCurrent(Report report, ServiceState state) {
        UUID id = report.operationId();
        boolean deleting = state.operation().type() == OperationType.DELETE_SERVICE;
        boolean stopReport = report instanceof InstancesStopped || report instanceof InstancesStopFailed;
        return id.equals(state.operation().id()) && deleting == stopReport;
    }

    /** A first deployment that fails leaves the service CREATE_FAILED; a later one leaves it on its old revision. */
    private static ServiceStatus afterFailedDeployment(ServiceState state) {
        return state.operation().type() == OperationType.CREATE_SERVICE || state.activeRevision() == null
                ? CREATE_FAILED : RUNNING;
    }

    private static ServiceStatusChanged statusChange(ServiceState state, ServiceStatus to, String reason) {
        return statusChange(state.serviceArn(), state.status(), to, reason);
    }

    private static ServiceStatusChanged statusChange(String arn, ServiceStatus from, ServiceStatus to, String reason) {
        String message = "Service status is set to " + to + "." + (reason == null ? "" : " " + reason);
        return new ServiceStatusChanged(arn, from, to, message);
    }

    private ServiceDecider() {
    }
}
