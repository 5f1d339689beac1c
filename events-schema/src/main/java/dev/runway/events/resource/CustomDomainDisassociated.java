package dev.runway.events.resource;

import java.time.Instant;

/** A custom domain is no longer linked to the service. */
public record CustomDomainDisassociated(String serviceArn, String domainName, Instant disassociatedAt)
        implements ResourceEvent {

    @Override
    public String resourceArn() {
        return serviceArn;
    }

    @Override
    public String streamId() {
        return ResourceEvent.customDomainsStream(serviceArn);
    }
}
