package dev.runway.events.resource;

import dev.runway.events.command.ResourceCommand;

/** Unlink a custom domain from a service. */
public record DisassociateCustomDomain(String serviceArn, String domainName) implements ResourceCommand {

    @Override
    public String resourceArn() {
        return serviceArn;
    }
}
