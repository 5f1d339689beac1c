package dev.runway.events.resource;

import dev.runway.events.command.ResourceCommand;

/** Make a VPC connector INACTIVE. */
public record DeleteVpcConnector(String arn) implements ResourceCommand {

    @Override
    public String resourceArn() {
        return arn;
    }
}
