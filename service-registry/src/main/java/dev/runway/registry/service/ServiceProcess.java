package dev.runway.registry.service;

import dev.runway.events.Message;
import dev.runway.events.build.BuildRevision;
import dev.runway.events.deploy.DeployRevision;
import dev.runway.events.deploy.RetireRevisions;
import dev.runway.events.deploy.StopService;
import dev.runway.events.event.DeploymentStarted;
import dev.runway.events.event.OperationStarted;
import dev.runway.events.event.RevisionActivated;
import dev.runway.events.event.ServiceEvent;
import dev.runway.events.event.SourceBuilt;
import dev.runway.events.model.ServiceConfiguration;
import dev.runway.events.model.OperationType;
import java.util.ArrayList;
import java.util.List;

/**
 * The process manager: which worker must act because of the events just appended. Pure; the
 * work it returns goes out through the outbox in the same transaction as the events.
 */
public final class ServiceProcess {

    /** Instances a new revision starts with; autoscaling takes over from MinSize in a later issue. */
    static final int INITIAL_INSTANCES = 1;

    private static final java.util.Set<OperationType> STOPS =
            java.util.EnumSet.of(OperationType.DELETE_SERVICE, OperationType.PAUSE_SERVICE);

    /** Build commands (for the build-worker) and deploy commands (for the deploy-worker). */
    public static List<Message> react(List<ServiceEvent> appended, ServiceState after) {
        List<Message> work = new ArrayList<>();
        for (ServiceEvent event : appended) {
            if (event instanceof DeploymentStarted d) {
                var config = d.configuration() != null ? d.configuration() : after.configuration();
                if (config.builtFromCode() && config.image() == null) {
                    // a code service's deployment starts with its build; the deploy follows SourceBuilt
                    work.add(new BuildRevision(after.serviceArn(), after.serviceName(), after.serviceId(),
                            d.operationId(), d.revision(), config.code()));
                } else {
                    work.add(deploy(after, d.operationId(), d.revision(), config));
                }
            } else if (event instanceof SourceBuilt b && after.rollout() != null) {
                work.add(deploy(after, b.operationId(), b.revision(), after.rollout().configuration()));
            } else if (event instanceof OperationStarted o && STOPS.contains(o.operationType())) {
                String image = o.operationType() == OperationType.DELETE_SERVICE
                        ? after.configuration().imageIdentifier() : null;
                work.add(new StopService(after.serviceArn(), o.operationId(), image));
            } else if (event instanceof RevisionActivated a && a.operationId() != null) {
                // traffic moved: the other revisions drain and go (a no-op after create or resume)
                work.add(new RetireRevisions(after.serviceArn(), a.operationId(), a.revision()));
            }
        }
        return work;
    }

    private static DeployRevision deploy(ServiceState after, java.util.UUID operationId, int revision,
            ServiceConfiguration config) {
        return new DeployRevision(after.serviceArn(), after.serviceName(), operationId, revision, config.image(),
                config.instance(), config.healthCheck(), INITIAL_INSTANCES);
    }

    private ServiceProcess() {
    }
}
