package dev.runway.events.resource;

import java.time.Instant;
import java.util.List;

/** A custom domain is linked to a service and waits for its certificate's DNS validation. */
public record CustomDomainAssociated(String serviceArn, String domainName, boolean enableWwwSubdomain,
        List<CertificateValidationRecord> validationRecords, Instant associatedAt) implements ResourceEvent {

    public CustomDomainAssociated {
        validationRecords = validationRecords == null ? List.of() : List.copyOf(validationRecords);
    }

    @Override
    public String resourceArn() {
        return serviceArn;
    }

    @Override
    public String streamId() {
        return ResourceEvent.customDomainsStream(serviceArn);
    }
}
