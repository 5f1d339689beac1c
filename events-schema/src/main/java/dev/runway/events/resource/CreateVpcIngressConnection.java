package dev.runway.events.resource;

import dev.runway.events.command.ResourceCommand;
import dev.runway.events.model.Tag;
import java.util.List;

/** Record a VPC ingress connection for a service. */
public record CreateVpcIngressConnection(String arn, String name, String serviceArn, String vpcId,
        String vpcEndpointId, List<Tag> tags) implements ResourceCommand {

    public CreateVpcIngressConnection {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    @Override
    public String resourceArn() {
        return arn;
    }
}
