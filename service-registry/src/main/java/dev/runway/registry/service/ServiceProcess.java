package dev.runway.registry.service;

import dev.runway.events.Message;
import dev.runway.events.build.BuildRevision;
import dev.runway.events.deploy.DeployRevision;
import dev.runway.events.deploy.RetireRevisions;
import dev.runway.events.deploy.ScaleRevision;
import dev.runway.events.deploy.StopService;
import dev.runway.events.event.DeploymentStarted;
import dev.runway.events.event.OperationStarted;
import dev.runway.events.event.RevisionActivated;
import dev.runway.events.event.ServiceEvent;
import dev.runway.events.event.ServiceScaled;
import dev.runway.events.event.SourceBuilt;
import dev.runway.events.event.DeploymentFailed;
import dev.runway.events.event.TrafficShiftStarted;
import dev.runway.events.event.TrafficShifted;
import dev.runway.events.model.RevisionTraffic;
import dev.runway.events.model.ServiceStatus;
import dev.runway.events.model.AutoScalingLimits;
import dev.runway.events.model.Endpoint;
import dev.runway.events.model.OperationType;
import dev.runway.events.model.ServiceConfiguration;
import java.util.ArrayList;
import java.util.List;

/**
 * The process manager: which worker must act because of the events just appended. Pure; the
 * work it returns goes out through the outbox in the same transaction as the events.
 */
public final class ServiceProcess {

    private static final java.util.Set<OperationType> STOPS =
            java.util.EnumSet.of(OperationType.DELETE_SERVICE, OperationType.PAUSE_SERVICE);

    /** As below, for a deployment under App Runner's default limits (MinSize 1). */
    public static List<Message> react(List<ServiceEvent> appended, ServiceState after) {
        return react(appended, after, AutoScalingLimits.DEFAULT);
    }

    /**
     * Build commands (for the build-worker) and deploy commands (for the deploy-worker).
     *
     * @param deployLimits the auto scaling limits of the configuration a deployment among the
     *                     events runs with: a new revision starts with its MinSize instances,
     *                     a code service's too once its build is done
     */
    public static List<Message> react(List<ServiceEvent> appended, ServiceState after,
            AutoScalingLimits deployLimits) {
        List<Message> work = new ArrayList<>();
        for (ServiceEvent event : appended) {
            if (event instanceof DeploymentStarted d) {
                var config = d.configuration() != null ? d.configuration() : after.configuration();
                if (config.builtFromCode() && config.image() == null) {
                    // a code service's deployment starts with its build; the deploy follows SourceBuilt
                    work.add(new BuildRevision(after.serviceArn(), after.serviceName(), after.serviceId(),
                            d.operationId(), d.revision(), config.code()));
                } else {
                    work.add(deploy(after, d.operationId(), d.revision(), config, deployLimits));
                }
            } else if (event instanceof SourceBuilt b && after.rollout() != null) {
                work.add(deploy(after, b.operationId(), b.revision(), after.rollout().configuration(), deployLimits));
            } else if (event instanceof ServiceScaled s) {
                // the active revision runs with the service's configuration; the instances that
                // take traffic now are kept first
                var config = after.configuration();
                work.add(new ScaleRevision(after.serviceArn(), after.serviceName(), s.revision(), config.image(),
                        config.instance(), config.healthCheck(), s.toInstances(),
                        after.endpoints().stream().map(Endpoint::instanceId).toList()));
            } else if (event instanceof OperationStarted o && STOPS.contains(o.operationType())) {
                String image = o.operationType() == OperationType.DELETE_SERVICE
                        ? after.configuration().imageIdentifier() : null;
                work.add(new StopService(after.serviceArn(), o.operationId(), image));
            } else if (event instanceof TrafficShiftStarted t) {
                for (int revision : ServiceDecider.toStart(after)) {
                    work.add(startBeside(after, t.operationId(), revision, deployLimits));
                }
            } else if (event instanceof TrafficShifted t && t.operationId() == null) {
                // a repair: a revision beside the active one lost instances, start it again
                for (RevisionTraffic share : t.traffic()) {
                    if (share.revision() != after.activeRevision()
                            && share.endpoints().size() < besideInstances(after, deployLimits)
                            && after.traffic().configurations().containsKey(share.revision())) {
                        work.add(startBeside(after, null, share.revision(), deployLimits));
                    }
                }
            } else if (event instanceof TrafficShifted t) {
                // revisions the split no longer names drain and go
                work.add(new RetireRevisions(after.serviceArn(), t.operationId(), after.activeRevision(),
                        t.traffic().stream().map(RevisionTraffic::revision).toList()));
            } else if (event instanceof DeploymentFailed f && after.activeRevision() != null
                    && f.revision() < after.latestRevision() && after.status() == ServiceStatus.RUNNING) {
                // an older revision a traffic change could not start (a deployment's is always the
                // latest): traffic stays where it was, and what the change started that takes none goes
                work.add(new RetireRevisions(after.serviceArn(), f.operationId(), after.activeRevision(),
                        after.traffic().split().stream().map(RevisionTraffic::revision).toList()));
            } else if (event instanceof RevisionActivated a && a.operationId() != null) {
                // traffic moved: the other revisions drain and go (a no-op after create or resume)
                work.add(new RetireRevisions(after.serviceArn(), a.operationId(), a.revision()));
            }
        }
        return work;
    }

    /** A split's revision beside the active one runs a fixed MinSize instances (at least one), not scaled. */
    private static DeployRevision startBeside(ServiceState after, java.util.UUID operationId, int revision,
            AutoScalingLimits deployLimits) {
        var config = after.traffic().configurations().get(revision);
        return new DeployRevision(after.serviceArn(), after.serviceName(), operationId, revision, config.image(),
                config.instance(), config.healthCheck(), besideInstances(after, deployLimits));
    }

    private static int besideInstances(ServiceState after, AutoScalingLimits deployLimits) {
        AutoScalingLimits limits = after.limits() != null ? after.limits() : deployLimits;
        return Math.max(1, limits.minSize());
    }

    private static DeployRevision deploy(ServiceState after, java.util.UUID operationId, int revision,
            ServiceConfiguration config, AutoScalingLimits limits) {
        return new DeployRevision(after.serviceArn(), after.serviceName(), operationId, revision, config.image(),
                config.instance(), config.healthCheck(), limits.minSize());
    }

    private ServiceProcess() {
    }
}
