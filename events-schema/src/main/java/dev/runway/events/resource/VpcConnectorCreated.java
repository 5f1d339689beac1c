package dev.runway.events.resource;

import dev.runway.events.model.Tag;
import java.time.Instant;
import java.util.List;

/** A VPC connector exists, recorded as given (Runway has no VPC to attach it to). */
public record VpcConnectorCreated(String arn, String name, int revision, List<String> subnets,
        List<String> securityGroups, List<Tag> tags, Instant createdAt) implements ResourceEvent {

    public VpcConnectorCreated {
        subnets = subnets == null ? List.of() : List.copyOf(subnets);
        securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    @Override
    public String resourceArn() {
        return arn;
    }
}
