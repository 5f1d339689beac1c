package dev.runway.events.resource;

import dev.runway.events.model.Tag;
import java.time.Instant;
import java.util.List;

/** A VPC ingress connection exists for a service, recorded as given. */
public record VpcIngressConnectionCreated(String arn, String name, String serviceArn, String vpcId,
        String vpcEndpointId, String domainName, String accountId, List<Tag> tags, Instant createdAt)
        implements ResourceEvent {

    public VpcIngressConnectionCreated {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    @Override
    public String resourceArn() {
        return arn;
    }
}
