package dev.runway.events.resource;

import dev.runway.events.command.ResourceCommand;

/** Make a revision (or, with {@code allRevisions}, every revision of its name) INACTIVE. */
public record DeleteAutoScalingConfiguration(String arn, boolean allRevisions) implements ResourceCommand {

    @Override
    public String resourceArn() {
        return arn;
    }
}
