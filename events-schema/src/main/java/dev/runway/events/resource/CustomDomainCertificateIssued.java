package dev.runway.events.resource;

import java.time.Instant;
import java.util.List;

/**
 * A certificate was issued for a custom domain (and its {@code www.} name): the chain in PEM, and
 * its private key sealed by the registry (never in the clear); {@code notAfter} is when it expires.
 */
public record CustomDomainCertificateIssued(String serviceArn, String domainName, List<String> names,
        String certificateChain, String sealedKey, Instant notBefore, Instant notAfter, Instant issuedAt)
        implements ResourceEvent {

    public CustomDomainCertificateIssued {
        names = names == null ? List.of() : List.copyOf(names);
    }

    @Override
    public String resourceArn() {
        return serviceArn;
    }

    @Override
    public String streamId() {
        return ResourceEvent.customDomainsStream(serviceArn);
    }

    @Override
    public String toString() {
        return "CustomDomainCertificateIssued[serviceArn=" + serviceArn + ", domainName=" + domainName + ", names="
                + names + ", notAfter=" + notAfter + "]";
    }
}
