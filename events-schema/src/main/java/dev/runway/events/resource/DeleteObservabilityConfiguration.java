package dev.runway.events.resource;

import dev.runway.events.command.ResourceCommand;

/** Make an observability configuration revision INACTIVE. */
public record DeleteObservabilityConfiguration(String arn) implements ResourceCommand {

    @Override
    public String resourceArn() {
        return arn;
    }
}
