package dev.runway.events.command;

import java.util.UUID;

/** Run the deployed revision again at its initial size (no rebuild, no re-fetch). */
public record ResumeService(String serviceArn, UUID operationId) implements Command {

    @Override
    public String resourceArn() {
        return serviceArn;
    }
}
