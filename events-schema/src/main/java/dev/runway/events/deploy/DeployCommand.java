package dev.runway.events.deploy;

import dev.runway.events.Message;

/** Work for the deploy-worker, on {@code runway.deploy.commands}; it answers with a report. */
public sealed interface DeployCommand extends Message permits DeployRevision, StopService, RetireRevisions, ScaleRevision {

    String serviceArn();

    @Override
    default String resourceArn() {
        return serviceArn();
    }
}
