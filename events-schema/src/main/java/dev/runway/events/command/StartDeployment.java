package dev.runway.events.command;

import java.util.UUID;

/** Deploy the source again as a new revision (an image tag is resolved anew). */
public record StartDeployment(String serviceArn, UUID operationId) implements Command {

    @Override
    public String resourceArn() {
        return serviceArn;
    }
}
