package dev.runway.events.resource;

import java.time.Instant;
import java.util.List;

/**
 * A custom domain's status moved (App Runner's: CREATING, PENDING_CERTIFICATE_DNS_VALIDATION,
 * ACTIVE, CREATE_FAILED), with its validation records as they are now; {@code statusReason} says
 * in words a user can act on why a domain failed (null otherwise).
 */
public record CustomDomainStatusChanged(String serviceArn, String domainName, String status,
        List<CertificateValidationRecord> validationRecords, String statusReason, Instant changedAt)
        implements ResourceEvent {

    public CustomDomainStatusChanged {
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
