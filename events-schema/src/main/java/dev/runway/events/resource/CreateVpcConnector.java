package dev.runway.events.resource;

import dev.runway.events.command.ResourceCommand;
import dev.runway.events.model.Tag;
import java.util.List;

/** Record a VPC connector; the registry picks its revision among same-named ones. */
public record CreateVpcConnector(String nameArn, String name, String connectorId, List<String> subnets,
        List<String> securityGroups, List<Tag> tags) implements ResourceCommand {

    public CreateVpcConnector {
        subnets = subnets == null ? List.of() : List.copyOf(subnets);
        securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    @Override
    public String resourceArn() {
        return nameArn;
    }
}
