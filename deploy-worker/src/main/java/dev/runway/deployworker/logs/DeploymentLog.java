package dev.runway.deployworker.logs;

import dev.runway.deployworker.rollout.DeploymentNotes;
import dev.runway.events.deploy.DeployRevision;
import dev.runway.events.log.LogLine;
import dev.runway.events.metrics.ServiceDimensions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * A deployment's platform lines, {@code [AppRunner] ...}, in its stream
 * {@code deployment/<operation-id>} of the service group, beside a code service's build output.
 */
@ApplicationScoped
public class DeploymentLog implements DeploymentNotes {

    private final LogPublisher publisher;

    DeploymentLog(LogPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void note(DeployRevision deploy, String message) {
        if (deploy.operationId() == null) {
            return;
        }
        ServiceDimensions.ofService(deploy.serviceArn()).ifPresent(service -> publisher.send(
                new LogLine(deploy.serviceArn(), LogLine.serviceGroup(service.serviceName(), service.serviceId()),
                        LogLine.deploymentStream(deploy.operationId()), Instant.now(), "[AppRunner] " + message),
                UUID.randomUUID()));
    }
}
