package dev.runway.events.resource;

import dev.runway.events.model.Tag;
import java.time.Instant;
import java.util.List;

/**
 * The account resources as the service-registry's projections describe them (its query API under
 * {@code /internal/resources}), read by the api-gateway.
 */
public final class Records {

    public record AutoScalingConfiguration(String arn, String name, int revision, boolean latest, String status,
            int maxConcurrency, int minSize, int maxSize, Instant createdAt, Instant deletedAt,
            boolean hasAssociatedService, boolean isDefault) {
    }

    public record ObservabilityConfiguration(String arn, String name, int revision, boolean latest, String status,
            String traceVendor, Instant createdAt, Instant deletedAt) {
    }

    public record VpcConnector(String arn, String name, int revision, List<String> subnets,
            List<String> securityGroups, String status, Instant createdAt, Instant deletedAt) {
    }

    public record VpcIngressConnection(String arn, String name, String serviceArn, String status, String accountId,
            String domainName, String vpcId, String vpcEndpointId, Instant createdAt, Instant deletedAt) {
    }

    public record CustomDomain(String domainName, boolean enableWwwSubdomain,
            List<CertificateValidationRecord> validationRecords, String status) {
    }

    /** A service's custom domains, the host they should point at, and its VPC ingress connections. */
    public record CustomDomains(String serviceArn, String dnsTarget, List<CustomDomain> domains,
            List<VpcIngressConnection> vpcIngressConnections) {
    }

    /** A resource's tags; empty when the registry does not know the resource. */
    public record Tags(String resourceArn, List<Tag> tags) {
    }

    private Records() {
    }
}
