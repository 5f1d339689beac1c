package dev.runway.events.command;

import java.util.UUID;

/** Delete a service: stop its instances, remove its route, release its name. */
public record DeleteService(String serviceArn, UUID operationId) implements Command {

    @Override
    public String resourceArn() {
        return serviceArn;
    }
}
