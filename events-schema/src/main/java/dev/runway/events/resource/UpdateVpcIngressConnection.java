package dev.runway.events.resource;

import dev.runway.events.command.ResourceCommand;

/** Point a VPC ingress connection at another VPC and endpoint. */
public record UpdateVpcIngressConnection(String arn, String vpcId, String vpcEndpointId) implements ResourceCommand {

    @Override
    public String resourceArn() {
        return arn;
    }
}
