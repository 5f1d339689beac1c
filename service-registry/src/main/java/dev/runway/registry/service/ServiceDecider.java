package dev.runway.registry.service;

import static dev.runway.events.model.ServiceStatus.CREATE_FAILED;
import static dev.runway.events.model.ServiceStatus.DELETED;
import static dev.runway.events.model.ServiceStatus.DELETE_FAILED;
import static dev.runway.events.model.ServiceStatus.OPERATION_IN_PROGRESS;
import static dev.runway.events.model.ServiceStatus.PAUSED;
import static dev.runway.events.model.ServiceStatus.RUNNING;

import dev.runway.events.command.AdvanceRollout;
import dev.runway.events.command.Command;
import dev.runway.events.command.RollBackRollout;
import dev.runway.events.command.CreateService;
import dev.runway.events.command.DeleteService;
import dev.runway.events.command.PauseService;
import dev.runway.events.command.ResumeService;
import dev.runway.events.command.ScaleService;
import dev.runway.events.command.StartDeployment;
import dev.runway.events.command.UpdateService;
import dev.runway.events.command.UpdateTraffic;
import dev.runway.events.command.WakeService;
import dev.runway.events.event.DeploymentFailed;
import dev.runway.events.event.DeploymentStarted;
import dev.runway.events.event.InstancesReplaced;
import dev.runway.events.event.OperationFailed;
import dev.runway.events.event.OperationStarted;
import dev.runway.events.event.OperationSucceeded;
import dev.runway.events.event.RevisionActivated;
import dev.runway.events.event.RolloutRolledBack;
import dev.runway.events.event.RolloutStarted;
import dev.runway.events.event.RolloutStepped;
import dev.runway.events.event.ServiceConfigurationChanged;
import dev.runway.events.event.ServiceCreated;
import dev.runway.events.event.ServiceDeleted;
import dev.runway.events.event.ServiceEvent;
import dev.runway.events.event.ServiceInstancesStopped;
import dev.runway.events.event.ServiceScaled;
import dev.runway.events.event.ServiceScalingLimitsChanged;
import dev.runway.events.event.ServiceStatusChanged;
import dev.runway.events.event.SourceBuilt;
import dev.runway.events.event.TrafficRevisionReady;
import dev.runway.events.event.TrafficShiftStarted;
import dev.runway.events.event.TrafficShifted;
import dev.runway.events.model.RevisionTraffic;
import dev.runway.events.model.TrafficSplit;
import dev.runway.events.model.AutoScalingLimits;
import dev.runway.events.model.Endpoint;
import dev.runway.events.model.OperationType;
import dev.runway.events.model.RolloutPlan;
import dev.runway.events.model.ScaleToZero;
import dev.runway.events.model.ServiceConfiguration;
import dev.runway.events.model.ServiceStatus;
import dev.runway.events.report.BuildFailed;
import dev.runway.events.report.BuildSucceeded;
import dev.runway.events.report.InstancesRestored;
import dev.runway.events.report.InstancesStopFailed;
import dev.runway.events.report.InstancesStopped;
import dev.runway.events.report.Report;
import dev.runway.events.report.RevisionDeployFailed;
import dev.runway.events.report.RevisionDeployed;
import dev.runway.events.report.RevisionInstancesLost;
import dev.runway.events.report.RevisionScaled;
import dev.runway.events.report.RevisionsRetired;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The Service aggregate as two pure functions: {@code decide} turns a command or a worker's report
 * into events given the current state; {@code evolve} folds an event into the state.
 *
 * <p>Every operation but create and delete is a deployment (update, start-deployment, resume) or a
 * stop (pause, delete): a deployment starts a revision and ends when the deploy-worker reports it
 * healthy (traffic switches to it) or failed (traffic stays where it was); a stop ends when the
 * instances are gone. Scaling is no operation: {@code ScaleService} changes the instance count of
 * a RUNNING service at rest, within its auto scaling limits.
 */
public final class ServiceDecider {

    public static List<ServiceEvent> decide(Command command, ServiceState state, Facts facts) throws Rejection {
        if (command instanceof CreateService create) {
            return create(create, state, facts);
        }
        requireExists(command.resourceArn(), state);
        Instant now = facts.now();
        if (command instanceof ScaleService scale) {
            return scale(scale, state, facts);
        }
        if (command instanceof WakeService wake) {
            return wake(wake, state, facts);
        }
        if (command instanceof DeleteService d) {
            requireNoOperation(state, "delete");
            return stop(state, d.operationId(), OperationType.DELETE_SERVICE, now);
        }
        if (command instanceof PauseService p) {
            requireStatus(state, "pause", RUNNING);
            return stop(state, p.operationId(), OperationType.PAUSE_SERVICE, now);
        }
        if (command instanceof ResumeService r) {
            requireStatus(state, "resume", PAUSED);
            return deploy(state, r.operationId(), OperationType.RESUME_SERVICE, state.deployedRevision(),
                    state.configuration(), now);
        }
        if (command instanceof AdvanceRollout a) {
            return advance(a, state, facts);
        }
        if (command instanceof RollBackRollout r) {
            return rollBack(r, state, facts);
        }
        if (command instanceof UpdateTraffic t) {
            requireStatus(state, "change the traffic of", RUNNING);
            return updateTraffic(t, state, facts);
        }
        if (command instanceof StartDeployment s) {
            requireStatus(state, "start a deployment of", RUNNING);
            return gradually(deploy(state, s.operationId(), OperationType.START_DEPLOYMENT,
                    state.latestRevision() + 1, rebuilt(state.configuration()), now), state, facts);
        }
        UpdateService u = (UpdateService) command;
        requireStatus(state, "update", RUNNING, CREATE_FAILED);
        return gradually(deploy(state, u.operationId(), OperationType.UPDATE_SERVICE, state.latestRevision() + 1,
                rebuilt(u.configuration()), now), state, facts);
    }

    /**
     * A deployment of a service tagged {@code runway:rollout} that has a revision serving rolls out
     * by steps: the plan is recorded with it, so a change of the tags later does not change a
     * rollout under way.
     */
    private static List<ServiceEvent> gradually(List<ServiceEvent> deployment, ServiceState state, Facts facts) {
        if (facts.rollout() == null || state.activeRevision() == null || state.status() != RUNNING
                || facts.rollout().firstStep() >= 100) {
            return deployment;
        }
        DeploymentStarted d = (DeploymentStarted) deployment.get(deployment.size() - 1);
        List<ServiceEvent> events = new ArrayList<>(deployment);
        events.add(new RolloutStarted(state.serviceArn(), d.operationId(), d.revision(), state.activeRevision(),
                facts.rollout().steps(), facts.rollout().intervalSeconds()));
        return events;
    }

    /** Reports about an operation that is no longer current change nothing: a redelivery or a stale worker. */
    public static List<ServiceEvent> onReport(Report report, ServiceState state, Instant now) {
        return onReport(report, state, now, null);
    }

    /**
     * As above; {@code rolloutLimits} are the auto scaling limits of the configuration the
     * deployment in progress runs with (null when not known), recorded when it succeeds.
     */
    public static List<ServiceEvent> onReport(Report report, ServiceState state, Instant now,
            AutoScalingLimits rolloutLimits) {
        if (report instanceof InstancesRestored restored) {
            return onRestored(restored, state);
        }
        if (report instanceof RevisionScaled scaled) {
            return onScaled(scaled, state);
        }
        if (report instanceof RevisionInstancesLost lost) {
            return onSplitRevisionLost(lost, state);
        }
        if (report instanceof RevisionDeployed repaired && repaired.operationId() == null) {
            return onSplitRevisionRepaired(repaired, state);
        }
        if (report instanceof RevisionsRetired || !state.exists() || state.operation() == null
                || !isCurrent(report, state)) {
            return List.of();
        }
        String arn = state.serviceArn();
        ServiceState.Operation op = state.operation();
        if (state.traffic().pending() != null) {
            return onTrafficReport(report, state, now);
        }
        if (report instanceof RevisionDeployed deployed) {
            if (!isRollingOut(state, deployed.revision())) {
                return List.of();
            }
            if (state.rollout().gradual()) {
                return firstStep(state, deployed, now);
            }
            List<ServiceEvent> events = new ArrayList<>();
            events.add(new RevisionActivated(arn, op.id(), deployed.revision(), deployed.endpoints()));
            if (!state.rollout().configuration().equals(state.configuration())) {
                events.add(new ServiceConfigurationChanged(arn, op.id(), state.rollout().configuration()));
            }
            String scalingArn = state.rollout().configuration().autoScalingConfigurationArn();
            if (rolloutLimits != null && (!rolloutLimits.equals(state.limits()) || state.configuration() == null
                    || !Objects.equals(scalingArn, state.configuration().autoScalingConfigurationArn()))) {
                events.add(new ServiceScalingLimitsChanged(arn, scalingArn, rolloutLimits));
            }
            events.add(new OperationSucceeded(arn, op.id(), op.type(), now));
            events.add(statusChange(state, RUNNING, null));
            return events;
        }
        if (report instanceof RevisionDeployFailed failed) {
            if (!isRollingOut(state, failed.revision())) {
                return List.of();
            }
            return deploymentFailed(state, failed.revision(), failed.reason(), now);
        }
        if (report instanceof BuildSucceeded built) {
            if (!isBuilding(state, built.revision())) {
                return List.of();
            }
            return List.of(new SourceBuilt(arn, op.id(), built.revision(), built.commitSha(), built.image()));
        }
        if (report instanceof BuildFailed failed) {
            if (!isBuilding(state, failed.revision())) {
                return List.of();
            }
            return deploymentFailed(state, failed.revision(), failed.reason(), now);
        }
        if (report instanceof InstancesStopped) {
            List<ServiceEvent> events = new ArrayList<>(List.of(
                    new ServiceInstancesStopped(arn, op.id()),
                    new OperationSucceeded(arn, op.id(), op.type(), now)));
            if (op.type() == OperationType.PAUSE_SERVICE) {
                events.add(statusChange(state, PAUSED, null));
            } else {
                events.add(statusChange(state, DELETED, null));
                events.add(new ServiceDeleted(arn, now));
            }
            return events;
        }
        InstancesStopFailed failed = (InstancesStopFailed) report;
        ServiceStatus after = op.type() == OperationType.PAUSE_SERVICE ? RUNNING : DELETE_FAILED;
        return List.of(
                new OperationFailed(arn, op.id(), op.type(), failed.reason(), now),
                statusChange(state, after, failed.reason()));
    }

    /**
     * A gradual rollout's new revision is healthy: it takes the first step's share beside the
     * revision serving, which stays the active one (the one that scales) until the last step. A
     * repeated report changes nothing.
     */
    private static List<ServiceEvent> firstStep(ServiceState state, RevisionDeployed deployed, Instant now) {
        ServiceState.Rollout r = state.rollout();
        if (r.stepStartedAt() != null || state.activeRevision() == null) {
            return List.of();
        }
        int first = r.steps().get(0);
        ServiceState.Operation op = state.operation();
        List<RevisionTraffic> split = List.of(
                new RevisionTraffic(r.revision(), first, null, deployed.endpoints()),
                new RevisionTraffic(state.activeRevision(), 100 - first, null, state.endpoints()));
        return List.of(
                new TrafficShifted(state.serviceArn(), op.id(), split),
                new RolloutStepped(state.serviceArn(), op.id(), r.revision(), first, String.format(Locale.ROOT,
                        "revision %d is healthy: step 1 of %d, %d %% of requests (revision %d keeps %d %%);"
                        + " runway:rollout %s, each step %d s", r.revision(), r.steps().size(), first,
                        state.activeRevision(), 100 - first, plan(r.steps()), r.intervalSeconds()), now));
    }

    /**
     * The autoscaler found the new revision no worse over the step: it takes the share asked for,
     * and at 100 % the rollout ends as a deployment does (the new revision active, its
     * configuration the service's). A share already reached changes nothing: the autoscaler sends
     * its decision again until it sees it taken.
     */
    private static List<ServiceEvent> advance(AdvanceRollout a, ServiceState state, Facts facts) throws Rejection {
        ServiceState.Rollout r = rolloutOf(state, a.operationId(), a.revision());
        if (a.percent() <= r.percent()) {
            return List.of();
        }
        if (!r.steps().contains(a.percent())) {
            throw new Rejection(Rejection.INVALID_REQUEST, "Revision " + a.revision() + " rolls out by "
                    + plan(r.steps()) + " %; " + a.percent() + " % is not one of its steps.");
        }
        String arn = state.serviceArn();
        UUID op = a.operationId();
        String reason = a.reason() == null || a.reason().isBlank() ? "advanced" : a.reason();
        List<ServiceEvent> events = new ArrayList<>();
        events.add(new RolloutStepped(arn, op, r.revision(), a.percent(), reason, facts.now()));
        List<Endpoint> newer = state.traffic().endpointsOf(r.revision());
        if (a.percent() < 100) {
            events.add(new TrafficShifted(arn, op, List.of(
                    new RevisionTraffic(r.revision(), a.percent(), null, newer),
                    new RevisionTraffic(state.activeRevision(), 100 - a.percent(), null, state.endpoints()))));
            return events;
        }
        events.add(new RevisionActivated(arn, op, r.revision(), newer));
        if (!r.configuration().equals(state.configuration())) {
            events.add(new ServiceConfigurationChanged(arn, op, r.configuration()));
        }
        String scalingArn = r.configuration().autoScalingConfigurationArn();
        if (!facts.limits().equals(state.limits()) || state.configuration() == null
                || !Objects.equals(scalingArn, state.configuration().autoScalingConfigurationArn())) {
            events.add(new ServiceScalingLimitsChanged(arn, scalingArn, facts.limits()));
        }
        events.add(new OperationSucceeded(arn, op, state.operation().type(), facts.now()));
        events.add(statusChange(state, RUNNING, null));
        return events;
    }

    /**
     * The autoscaler found the new revision worse than the old one by more than the margins: every
     * request goes back to the old revision (still the active one), the new one is retired, and
     * the operation ends rolled back with the decision and its figures as the reason.
     */
    private static List<ServiceEvent> rollBack(RollBackRollout b, ServiceState state, Facts facts) throws Rejection {
        ServiceState.Rollout r = rolloutOf(state, b.operationId(), b.revision());
        String arn = state.serviceArn();
        UUID op = b.operationId();
        String reason = "Rolled back to revision " + state.activeRevision() + ": revision " + r.revision()
                + " did worse at " + r.percent() + " % of requests: " + b.reason() + ".";
        return List.of(
                new RolloutRolledBack(arn, op, r.revision(), state.activeRevision(), reason, b.figures(), facts.now()),
                new TrafficShifted(arn, op, List.of()),
                new DeploymentFailed(arn, op, r.revision(), reason),
                new OperationFailed(arn, op, state.operation().type(), reason, facts.now()),
                statusChange(state, RUNNING, reason));
    }

    /** The gradual rollout a decision is about, once its new revision takes traffic. */
    private static ServiceState.Rollout rolloutOf(ServiceState state, UUID operationId, int revision)
            throws Rejection {
        ServiceState.Rollout r = state.rollout();
        boolean current = r != null && r.gradual() && r.stepStartedAt() != null && state.operation() != null
                && state.operation().id().equals(operationId) && r.revision() == revision;
        if (!current) {
            throw new Rejection(Rejection.INVALID_STATE, "Service " + state.serviceName() + " has no gradual rollout"
                    + " of revision " + revision + " taking traffic under operation " + operationId + ".");
        }
        return r;
    }

    private static String plan(List<Integer> steps) {
        return String.join(",", steps.stream().map(String::valueOf).toList());
    }

    private static List<ServiceEvent> deploymentFailed(ServiceState state, int revision, String reason,
            Instant now) {
        ServiceState.Operation op = state.operation();
        return List.of(
                new DeploymentFailed(state.serviceArn(), op.id(), revision, reason),
                new OperationFailed(state.serviceArn(), op.id(), op.type(), reason, now),
                statusChange(state, afterFailedDeployment(state), reason));
    }

    /**
     * What a new deployment runs with: a code service builds its branch head anew (its image comes
     * from that build); an image service deploys the configuration as it is.
     */
    private static ServiceConfiguration rebuilt(ServiceConfiguration configuration) {
        return configuration.builtFromCode() ? configuration.withImage(null) : configuration;
    }

    public static ServiceState evolve(ServiceState state, ServiceEvent event) {
        ServiceState next = state;
        if (event instanceof ServiceCreated c) {
            next = new ServiceState(c.serviceArn(), c.serviceId(), c.serviceName(), c.serviceUrl(),
                    OPERATION_IN_PROGRESS, c.configuration(), null, 0, null, null, null, List.of(), 0, null,
                    ServiceState.Traffic.NONE, state.version());
        } else if (event instanceof OperationStarted o) {
            next = state.withOperation(new ServiceState.Operation(o.operationId(), o.operationType()));
        } else if (event instanceof ServiceStatusChanged s) {
            next = state.withStatus(s.currentStatus());
        } else if (event instanceof DeploymentStarted d) {
            next = state.withRollout(new ServiceState.Rollout(d.revision(),
                    d.configuration() != null ? d.configuration() : state.configuration()));
        } else if (event instanceof SourceBuilt b && state.rollout() != null) {
            next = state.withRollout(state.rollout().withConfiguration(
                    state.rollout().configuration().withImage(b.image())));
        } else if (event instanceof RolloutStarted r && state.rollout() != null) {
            next = state.withRollout(state.rollout().withPlan(r.steps(), r.intervalSeconds(), r.fromRevision()));
        } else if (event instanceof RolloutStepped r && state.rollout() != null) {
            next = state.withRollout(state.rollout().withStep(r.percent(), r.at()));
        } else if (event instanceof RevisionActivated a) {
            next = state.withActive(a.revision(), a.revision()).withEndpoints(a.endpoints());
            if (a.operationId() != null) {
                next = next.withInstances(a.endpoints().size()); // a deployment sets the count afresh
                // and takes all the traffic: a split ends with the deployment of a new revision
                ServiceConfiguration ran = state.rollout() != null ? state.rollout().configuration()
                        : state.configuration();
                ServiceState.Traffic t = state.traffic().withSplit(List.of());
                next = next.withTraffic(ran == null ? t : t.withConfiguration(a.revision(), ran));
            }
        } else if (event instanceof TrafficShiftStarted t) {
            next = state.withTraffic(state.traffic().withPending(t.traffic()));
        } else if (event instanceof TrafficRevisionReady r) {
            next = state.withTraffic(state.traffic().withReady(r.revision(), r.endpoints()));
        } else if (event instanceof TrafficShifted t) {
            next = state.withTraffic(state.traffic().withSplit(t.traffic()));
        } else if (event instanceof ServiceScaled s) {
            next = state.withInstances(s.toInstances());
        } else if (event instanceof ServiceScalingLimitsChanged l) {
            next = state.withLimits(l.limits());
        } else if (event instanceof ServiceConfigurationChanged c) {
            next = state.withConfiguration(c.configuration());
        } else if (event instanceof ServiceInstancesStopped) {
            next = state.withActive(state.deployedRevision(), null).withEndpoints(List.of())
                    .withTraffic(state.traffic().withSplit(List.of()));
        } else if (event instanceof OperationSucceeded || event instanceof OperationFailed) {
            next = state.withOperation(null).withRollout(null);
            if (state.traffic().pending() != null) {
                next = next.withTraffic(state.traffic().withSplit(state.traffic().split()));
            }
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
        try {
            ScaleToZero.fromTags(c.tags());
            RolloutPlan.fromTags(c.tags());
        } catch (IllegalArgumentException e) {
            throw new Rejection(Rejection.INVALID_REQUEST, e.getMessage());
        }
        if (facts.nameInUse()) {
            throw new Rejection(Rejection.INVALID_REQUEST, "A service named '" + c.serviceName()
                    + "' already exists in this account and region. Choose another ServiceName, or delete the"
                    + " existing service first.");
        }
        String arn = c.serviceArn();
        return List.of(
                new ServiceCreated(arn, c.serviceId(), c.serviceName(), facts.serviceUrl(), c.configuration(),
                        c.tags(), facts.now()),
                new OperationStarted(arn, c.operationId(), OperationType.CREATE_SERVICE, facts.now()),
                statusChange(arn, null, OPERATION_IN_PROGRESS, null),
                new DeploymentStarted(arn, c.operationId(), 1, c.configuration().imageIdentifier(),
                        rebuilt(c.configuration())),
                new ServiceScalingLimitsChanged(arn, c.configuration().autoScalingConfigurationArn(), facts.limits()));
    }

    /**
     * A new instance count for the active revision, clamped to the service's limits. Only for a
     * RUNNING service with no operation in progress; the autoscaler asks again a second later, so
     * the rejection is routine. Fewer instances leave traffic at once (the dropped ones then drain
     * at the deploy-worker); more take traffic only once the deploy-worker reports them healthy.
     */
    private static List<ServiceEvent> scale(ScaleService s, ServiceState state, Facts facts) throws Rejection {
        requireAtRest(state);
        AutoScalingLimits limits = state.limits() != null ? state.limits() : facts.limits();
        int from = state.instances();
        // zero only for a service that scales to zero (its runway:min-size=0 tag)
        boolean toZero = s.desiredInstances() <= 0 && facts.scaleToZero() != null;
        int to = toZero ? 0 : limits.clamp(s.desiredInstances());
        if (to == from) {
            return List.of();
        }
        String reason = s.reason() == null || s.reason().isBlank() ? "requested" : s.reason();
        if (to != s.desiredInstances()) {
            reason = reason + "; " + s.desiredInstances() + " clamped to [" + limits.minSize() + ", "
                    + limits.maxSize() + "]";
        }
        return scaled(state, from, to, reason);
    }

    /**
     * The router holds requests for a service with no instances: at least {@code instances} of its
     * active revision (within its limits), never fewer than it runs; a repeated ask changes nothing.
     */
    private static List<ServiceEvent> wake(WakeService w, ServiceState state, Facts facts) throws Rejection {
        requireAtRest(state);
        AutoScalingLimits limits = state.limits() != null ? state.limits() : facts.limits();
        int from = state.instances();
        int to = Math.max(from, limits.clamp(Math.max(1, w.instances())));
        if (to == from) {
            return List.of();
        }
        String reason = w.reason() == null || w.reason().isBlank() ? "cold start" : w.reason();
        if (w.instances() > limits.maxSize()) {
            reason = reason + "; " + w.instances() + " capped at MaxSize " + limits.maxSize();
        }
        return scaled(state, from, to, reason);
    }

    private static void requireAtRest(ServiceState state) throws Rejection {
        if (state.status() != RUNNING || state.operation() != null || state.activeRevision() == null) {
            throw new Rejection(Rejection.INVALID_STATE, "Can't scale service " + state.serviceName() + " while it is "
                    + state.status() + (state.operation() == null ? "" : " (" + state.operation().type() + ")")
                    + "; scaling needs it RUNNING with no operation in progress.");
        }
    }

    /** Fewer instances leave traffic at once (to none, for a scale to zero); more join once healthy. */
    private static List<ServiceEvent> scaled(ServiceState state, int from, int to, String reason) {
        int revision = state.activeRevision();
        List<ServiceEvent> events = new ArrayList<>();
        events.add(new ServiceScaled(state.serviceArn(), revision, from, to, reason));
        if (to < state.endpoints().size()) {
            events.add(new RevisionActivated(state.serviceArn(), null, revision, state.endpoints().subList(0, to)));
        }
        return events;
    }

    private static List<ServiceEvent> deploy(ServiceState state, UUID operationId, OperationType type, int revision,
            ServiceConfiguration runsWith, Instant now) {
        return List.of(
                new OperationStarted(state.serviceArn(), operationId, type, now),
                statusChange(state, OPERATION_IN_PROGRESS, null),
                new DeploymentStarted(state.serviceArn(), operationId, revision, runsWith.imageIdentifier(),
                        runsWith));
    }

    private static List<ServiceEvent> stop(ServiceState state, UUID operationId, OperationType type, Instant now) {
        return List.of(
                new OperationStarted(state.serviceArn(), operationId, type, now),
                statusChange(state, OPERATION_IN_PROGRESS, null));
    }

    /**
     * Runway.UpdateTraffic: the split is checked against the service's revisions (the asked
     * revisions SERVING or KEPT, percentages summing to 100, tags DNS labels used once); revisions
     * it names that run no instances are started first, and traffic moves only once they are all
     * healthy ({@link TrafficShifted}); a split of running revisions moves at once. Recorded as an
     * UPDATE_SERVICE operation: App Runner's OperationType has no other value that fits, and every
     * App Runner client reads it.
     */
    private static List<ServiceEvent> updateTraffic(UpdateTraffic t, ServiceState state, Facts facts)
            throws Rejection {
        if (state.activeRevision() == null) {
            throw new Rejection(Rejection.INVALID_STATE, "Service " + state.serviceName() + " has no revision"
                    + " serving; traffic can be divided once one is.");
        }
        List<TrafficSplit.Entry> asked = new ArrayList<>();
        for (int i = 0; i < t.traffic().size(); i++) {
            UpdateTraffic.Target target = t.traffic().get(i);
            String tag = target.tag() == null || target.tag().isEmpty() ? null : target.tag();
            asked.add(new TrafficSplit.Entry(revisionOf(target.revision(), i, state),
                    target.percent() == null ? 0 : target.percent(), tag));
        }
        TrafficSplit split;
        try {
            split = TrafficSplit.check(asked, facts.revisions(), hostLabel(state.serviceUrl()));
        } catch (IllegalArgumentException e) {
            throw new Rejection(Rejection.INVALID_REQUEST, e.getMessage());
        }
        for (TrafficSplit.Entry e : split.entries()) {
            if (e.revision() != state.activeRevision() && !state.traffic().configurations().containsKey(e.revision())) {
                throw new Rejection(Rejection.INVALID_REQUEST, "Revision " + e.revision() + " cannot be started"
                        + " again: its configuration is no longer known. Deploy it anew with update-service.");
            }
        }
        String arn = state.serviceArn();
        List<ServiceEvent> events = new ArrayList<>(List.of(
                new OperationStarted(arn, t.operationId(), OperationType.UPDATE_SERVICE, facts.now()),
                statusChange(state, OPERATION_IN_PROGRESS, null),
                new TrafficShiftStarted(arn, t.operationId(), split.entries())));
        ServiceState during = fold(state, events);
        if (toStart(during).isEmpty()) {
            events.addAll(shifted(during, facts.now()));
        }
        return events;
    }

    /** {@code LATEST} is the revision that serves now (the newest that became healthy). */
    private static int revisionOf(String revision, int index, ServiceState state) throws Rejection {
        if (revision == null || revision.isBlank()) {
            throw new Rejection(Rejection.INVALID_REQUEST, "Traffic[" + index + "].Revision is required: LATEST"
                    + " or a revision number (Runway.ListRevisions lists them).");
        }
        if (revision.equals("LATEST")) {
            return state.activeRevision();
        }
        try {
            return Integer.parseInt(revision);
        } catch (NumberFormatException e) {
            throw new Rejection(Rejection.INVALID_REQUEST, "Traffic[" + index + "].Revision '" + revision
                    + "' is not LATEST or a revision number (Runway.ListRevisions lists them).");
        }
    }

    /** A service URL's first label, {@code <name>-<short id>}: what a tag and {@code --} go before. */
    static String hostLabel(String serviceUrl) {
        String host = serviceUrl == null ? "" : serviceUrl;
        int dot = host.indexOf('.');
        return dot < 0 ? host : host.substring(0, dot);
    }

    /**
     * The revisions a pending traffic change still needs started: those it names, other than the
     * active one, that neither run in the current split nor were reported ready.
     */
    public static List<Integer> toStart(ServiceState state) {
        ServiceState.Traffic t = state.traffic();
        if (t.pending() == null) {
            return List.of();
        }
        return t.pending().stream().map(TrafficSplit.Entry::revision)
                .filter(r -> r != state.activeRevision() && !t.ready().containsKey(r) && t.endpointsOf(r).isEmpty())
                .toList();
    }

    /** Every revision the pending change names is ready: traffic moves, the operation ends. */
    private static List<ServiceEvent> shifted(ServiceState state, Instant now) {
        ServiceState.Traffic t = state.traffic();
        List<RevisionTraffic> split = new ArrayList<>();
        for (TrafficSplit.Entry e : t.pending()) {
            List<Endpoint> endpoints = e.revision() == state.activeRevision() ? state.endpoints()
                    : t.ready().getOrDefault(e.revision(), t.endpointsOf(e.revision()));
            split.add(new RevisionTraffic(e.revision(), e.percent(), e.tag(), endpoints));
        }
        boolean onlyActive = split.size() == 1 && split.get(0).revision() == state.activeRevision()
                && split.get(0).tag() == null;
        ServiceState.Operation op = state.operation();
        return List.of(
                // all to the active revision and no tag is App Runner's own behaviour: no split
                new TrafficShifted(state.serviceArn(), op.id(), onlyActive ? List.of() : split),
                new OperationSucceeded(state.serviceArn(), op.id(), op.type(), now),
                statusChange(state, RUNNING, null));
    }

    /**
     * The deploy-worker answered for a revision a traffic change started: ready (and, once all are,
     * the traffic moves), or failed (the traffic stays as it was, the service RUNNING).
     */
    private static List<ServiceEvent> onTrafficReport(Report report, ServiceState state, Instant now) {
        String arn = state.serviceArn();
        ServiceState.Operation op = state.operation();
        if (report instanceof RevisionDeployed deployed && toStart(state).contains(deployed.revision())) {
            List<ServiceEvent> events = new ArrayList<>();
            events.add(new TrafficRevisionReady(arn, op.id(), deployed.revision(), deployed.endpoints()));
            ServiceState after = fold(state, events);
            if (toStart(after).isEmpty()) {
                events.addAll(shifted(after, now));
            }
            return events;
        }
        if (report instanceof RevisionDeployFailed failed && toStart(state).contains(failed.revision())) {
            String reason = "Revision " + failed.revision() + " could not be started for the traffic change: "
                    + failed.reason() + " The traffic stays as it was.";
            return List.of(
                    new DeploymentFailed(arn, op.id(), failed.revision(), reason),
                    new OperationFailed(arn, op.id(), op.type(), reason, now),
                    statusChange(state, RUNNING, reason));
        }
        return List.of();
    }

    /**
     * Instances of a split's non-active revision died: they leave the split at once (its requests
     * go to the active revision while it has none), and the process manager starts it again.
     */
    private static List<ServiceEvent> onSplitRevisionLost(RevisionInstancesLost lost, ServiceState state) {
        RevisionTraffic share = besideActive(state, lost.revision());
        if (share == null) {
            return List.of();
        }
        List<Endpoint> left = share.endpoints().stream().filter(e -> !lost.instanceIds().contains(e.instanceId()))
                .toList();
        if (left.size() == share.endpoints().size()) {
            return List.of(); // reported before: already out of the split
        }
        return List.of(new TrafficShifted(state.serviceArn(), null, withEndpoints(state, lost.revision(), left)),
                new InstancesReplaced(state.serviceArn(), lost.revision(), lost.reason()));
    }

    /** A split's non-active revision runs again (a repair, no operation): its new endpoints join the split. */
    private static List<ServiceEvent> onSplitRevisionRepaired(RevisionDeployed repaired, ServiceState state) {
        RevisionTraffic share = besideActive(state, repaired.revision());
        if (share == null || ids(share.endpoints()).equals(ids(repaired.endpoints()))) {
            return List.of();
        }
        return List.of(new TrafficShifted(state.serviceArn(), null,
                withEndpoints(state, repaired.revision(), repaired.endpoints())));
    }

    /** The share of a revision running beside the active one in the split of a service at rest; null when none. */
    private static RevisionTraffic besideActive(ServiceState state, int revision) {
        boolean atRest = state.exists() && state.status() == RUNNING && state.operation() == null;
        if (!atRest || Integer.valueOf(revision).equals(state.activeRevision())) {
            return null;
        }
        return state.traffic().split().stream().filter(s -> s.revision() == revision).findFirst().orElse(null);
    }

    private static List<RevisionTraffic> withEndpoints(ServiceState state, int revision, List<Endpoint> endpoints) {
        return state.traffic().split().stream().map(s -> s.revision() == revision
                ? new RevisionTraffic(s.revision(), s.percent(), s.tag(), endpoints) : s).toList();
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
        return List.of(new RevisionActivated(state.serviceArn(), null, restored.revision(), restored.endpoints()),
                new InstancesReplaced(state.serviceArn(), restored.revision(),
                        restored.reason() == null ? "instances were not running" : restored.reason()));
    }

    /**
     * The deploy-worker ran a scaling step: its instances take traffic if it answers the count the
     * service should have now (an older step's answer is stale); what could not be started is
     * recorded as a scale back to what runs.
     */
    private static List<ServiceEvent> onScaled(RevisionScaled scaled, ServiceState state) {
        boolean atRest = state.exists() && state.status() == RUNNING && state.operation() == null;
        if (!atRest || !Integer.valueOf(scaled.revision()).equals(state.activeRevision())
                || scaled.instances() != state.instances()) {
            return List.of();
        }
        List<ServiceEvent> events = new ArrayList<>();
        if (!ids(scaled.endpoints()).equals(ids(state.endpoints()))) {
            events.add(new RevisionActivated(state.serviceArn(), null, scaled.revision(), scaled.endpoints()));
        }
        if (scaled.failure() != null && scaled.endpoints().size() != state.instances()) {
            events.add(new ServiceScaled(state.serviceArn(), scaled.revision(), state.instances(),
                    scaled.endpoints().size(), "could not scale to " + state.instances() + " instance(s): "
                    + scaled.failure()));
        }
        return events;
    }

    private static Set<String> ids(List<Endpoint> endpoints) {
        Set<String> ids = new java.util.HashSet<>();
        endpoints.forEach(e -> ids.add(e.instanceId()));
        return ids;
    }

    private static boolean isRollingOut(ServiceState state, int revision) {
        return state.rollout() != null && state.rollout().revision() == revision;
    }

    /** A code service's rollout of {@code revision} waiting for its build. */
    private static boolean isBuilding(ServiceState state, int revision) {
        return isRollingOut(state, revision) && state.rollout().configuration().builtFromCode()
                && state.rollout().configuration().image() == null;
    }

    private static boolean isCurrent(Report report, ServiceState state) {
        OperationType type = state.operation().type();
        boolean stopping = type == OperationType.DELETE_SERVICE || type == OperationType.PAUSE_SERVICE;
        boolean stopReport = report instanceof InstancesStopped || report instanceof InstancesStopFailed;
        return state.operation().id().equals(report.operationId()) && stopping == stopReport;
    }

    /**
     * Where a failed deployment leaves the service: a first one CREATE_FAILED (and a rebuild of a
     * failed service likewise), a resume PAUSED, any other RUNNING on the revision it had.
     */
    private static ServiceStatus afterFailedDeployment(ServiceState state) {
        if (state.operation().type() == OperationType.RESUME_SERVICE) {
            return PAUSED;
        }
        return state.activeRevision() == null ? CREATE_FAILED : RUNNING;
    }

    private static void requireExists(String arn, ServiceState state) throws Rejection {
        if (!state.exists()) {
            throw new Rejection(Rejection.NOT_FOUND, "No service exists with ARN " + arn + ".");
        }
    }

    private static void requireNoOperation(ServiceState state, String action) throws Rejection {
        if (state.status() == OPERATION_IN_PROGRESS) {
            throw new Rejection(Rejection.INVALID_STATE, "Can't " + action + " service " + state.serviceName()
                    + ": an operation is in progress (" + state.operation().type() + " " + state.operation().id()
                    + "). Try again after it finishes; list-operations shows its progress.");
        }
    }

    private static void requireStatus(ServiceState state, String action, ServiceStatus... allowed) throws Rejection {
        requireNoOperation(state, action);
        if (!Set.of(allowed).contains(state.status())) {
            throw new Rejection(Rejection.INVALID_STATE, "Can't " + action + " service " + state.serviceName()
                    + " while it is " + state.status() + "; that needs it to be " + join(allowed) + ".");
        }
    }

    private static String join(ServiceStatus... statuses) {
        List<String> names = new ArrayList<>();
        for (ServiceStatus s : statuses) {
            names.add(s.name());
        }
        return String.join(" or ", names);
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
