package dev.runway.events.resource;

import dev.runway.events.command.ResourceCommand;

/** Make {@code arn} (a revision, or a name's latest revision) the account's default. */
public record UpdateDefaultAutoScalingConfiguration(String arn) implements ResourceCommand {

    @Override
    public String resourceArn() {
        return arn;
    }
}
