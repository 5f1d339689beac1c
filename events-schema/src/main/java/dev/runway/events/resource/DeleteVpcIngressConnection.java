package dev.runway.events.resource;

import dev.runway.events.command.ResourceCommand;

/** Delete a VPC ingress connection. */
public record DeleteVpcIngressConnection(String arn) implements ResourceCommand {

    @Override
    public String resourceArn() {
        return arn;
    }
}
