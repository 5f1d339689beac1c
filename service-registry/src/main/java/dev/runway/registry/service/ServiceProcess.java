package dev.runway.registry.service;

import dev.runway.events.deploy.DeployCommand;
import dev.runway.events.deploy.DeployRevision;
import dev.runway.events.deploy.RetireRevisions;
import dev.runway.events.deploy.StopService;
import dev.runway.events.event.DeploymentStarted;
import dev.runway.events.event.OperationStarted;
import dev.runway.events.event.RevisionActivated;
import dev.runway.events.event.ServiceEvent;
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

    public static List<DeployCommand> react(List<ServiceEvent> appended, ServiceState after) {
        List<DeployCommand> work = new ArrayList<>();
        for (ServiceEvent event : appended) {
            if (event instanceof DeploymentStarted d) {
                var config = d.configuration() != null ? d.configuration() : after.configuration();
                work.add(new DeployRevision(after.serviceArn(), after.serviceName(), d.operationId(), d.revision(),
                        config.image(), config.instance(), config.healthCheck(), INITIAL_INSTANCES));
            } else if (event instanceof OperationStarted o && STOPS.contains(o.operationType())) {
                String image = o.operationType() == OperationType.DELETE_SERVICE
                        ? after.configuration().image().imageIdentifier() : null;
                work.add(new StopService(after.serviceArn(), o.operationId(), image));
            } else if (event instanceof RevisionActivated a && a.operationId() != null) {
                // traffic moved: the other revisions drain and go (a no-op after create or resume)
                work.add(new RetireRevisions(after.serviceArn(), a.operationId(), a.revision()));
            }
        }
        return work;
    }

    private ServiceProcess() {
    }
}
