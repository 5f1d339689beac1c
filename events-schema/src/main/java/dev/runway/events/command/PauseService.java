package dev.runway.events.command;

import java.util.UUID;

/** Stop every instance; keep configuration, deployed revision and URL. */
public record PauseService(String serviceArn, UUID operationId) implements Command {

    @Override
    public String resourceArn() {
        return serviceArn;
    }
}
