package dev.runway.events.resource;

import dev.runway.events.command.ResourceCommand;

/** Link a custom domain (and optionally its www subdomain) to a service. */
public record AssociateCustomDomain(String serviceArn, String domainName, boolean enableWwwSubdomain)
        implements ResourceCommand {

    @Override
    public String resourceArn() {
        return serviceArn;
    }
}
