package dev.runway.events.resource;

import dev.runway.events.Message;
import dev.runway.events.model.Tag;
import java.time.Instant;
import java.util.List;

/** One example of every account-resource wire type, for the codec's round-trip and coverage tests. */
public final class ResourceExamples {

    static final String ASC = "arn:aws:apprunner:us-east-1:000000000000:autoscalingconfiguration/fast/2/0123456789abcdef0123456789abcdef";
    static final String ASC_NAME = "arn:aws:apprunner:us-east-1:000000000000:autoscalingconfiguration/fast";
    static final String OBS = "arn:aws:apprunner:us-east-1:000000000000:observabilityconfiguration/xray/1/0123456789abcdef0123456789abcdef";
    static final String VPC = "arn:aws:apprunner:us-east-1:000000000000:vpcconnector/net/1/0123456789abcdef0123456789abcdef";
    static final String VIC = "arn:aws:apprunner:us-east-1:000000000000:vpcingressconnection/in/0123456789abcdef0123456789abcdef";
    static final String SERVICE = "arn:aws:apprunner:us-east-1:000000000000:service/demo/0123456789abcdef0123456789abcdef";
    static final Instant T = Instant.parse("2026-11-23T10:00:00.123Z");
    static final List<Tag> TAGS = List.of(new Tag("team", "a"));

    public static final List<Message> EXAMPLES = List.of(
            new CreateAutoScalingConfiguration(ASC_NAME, "fast", "0123456789abcdef0123456789abcdef", 50, 1, 4, TAGS),
            new DeleteAutoScalingConfiguration(ASC, true),
            new UpdateDefaultAutoScalingConfiguration(ASC),
            new CreateObservabilityConfiguration(OBS, "xray", "0123456789abcdef0123456789abcdef", "AWSXRAY", TAGS),
            new DeleteObservabilityConfiguration(OBS),
            new CreateVpcConnector(VPC, "net", "0123456789abcdef0123456789abcdef", List.of("subnet-1"), List.of("sg-1"), TAGS),
            new DeleteVpcConnector(VPC),
            new CreateVpcIngressConnection(VIC, "in", SERVICE, "vpc-1", "vpce-1", TAGS),
            new UpdateVpcIngressConnection(VIC, "vpc-2", "vpce-2"),
            new DeleteVpcIngressConnection(VIC),
            new AssociateCustomDomain(SERVICE, "example.com", true),
            new DisassociateCustomDomain(SERVICE, "example.com"),
            new TagResource(SERVICE, TAGS),
            new UntagResource(SERVICE, List.of("team")),
            new AutoScalingConfigurationCreated(ASC, "fast", 2, 50, 1, 4, TAGS, T),
            new AutoScalingConfigurationDefaultChanged(ASC, true),
            new AutoScalingConfigurationDeleted(ASC, T),
            new ObservabilityConfigurationCreated(OBS, "xray", 1, "AWSXRAY", TAGS, T),
            new ObservabilityConfigurationDeleted(OBS, T),
            new VpcConnectorCreated(VPC, "net", 1, List.of("subnet-1"), List.of("sg-1"), TAGS, T),
            new VpcConnectorDeleted(VPC, T),
            new VpcIngressConnectionCreated(VIC, "in", SERVICE, "vpc-1", "vpce-1", "demo.localhost", "000000000000",
                    TAGS, T),
            new VpcIngressConnectionUpdated(VIC, "vpc-2", "vpce-2"),
            new VpcIngressConnectionDeleted(VIC, T),
            new CustomDomainAssociated(SERVICE, "example.com", true, List.of(new CertificateValidationRecord(
                    "_abc.example.com.", "CNAME", "_def.acm-validations.runway.", "PENDING_VALIDATION")), T),
            new CustomDomainDisassociated(SERVICE, "example.com", T),
            new CustomDomainStatusChanged(SERVICE, "example.com", "ACTIVE", List.of(new CertificateValidationRecord(
                    "_abc.example.com.", "CNAME", "_def.acm-validations.runway.", "SUCCESS")), null, T),
            new CustomDomainCertificateIssued(SERVICE, "example.com", List.of("example.com", "www.example.com"),
                    "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", "c2VhbGVk", T, T, T),
            new PlatformCertificateIssued("apps.example.com", List.of("*.apps.example.com"),
                    "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", "c2VhbGVk", T, T, T),
            new ResourceTagged(SERVICE, TAGS),
            new ResourceUntagged(SERVICE, List.of("team")));

    private ResourceExamples() {
    }
}
