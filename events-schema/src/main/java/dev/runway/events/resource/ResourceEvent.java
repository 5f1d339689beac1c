package dev.runway.events.resource;

import dev.runway.events.Message;

/**
 * A fact about an account-level resource other than a service, appended by the service-registry
 * and published on {@code runway.events}. {@link #resourceArn()} is the resource the fact is
 * about (and the Kafka key); {@link #streamId()} is the event-store stream it belongs to.
 */
public sealed interface ResourceEvent extends Message permits AutoScalingConfigurationCreated,
        AutoScalingConfigurationDefaultChanged, AutoScalingConfigurationDeleted, ObservabilityConfigurationCreated,
        ObservabilityConfigurationDeleted, VpcConnectorCreated, VpcConnectorDeleted, VpcIngressConnectionCreated,
        VpcIngressConnectionUpdated, VpcIngressConnectionDeleted, CustomDomainAssociated, CustomDomainDisassociated,
        CustomDomainStatusChanged, CustomDomainCertificateIssued,
        ResourceTagged, ResourceUntagged {

    /** Revisioned resources and connections have one stream per ARN; domains and tags one beside their resource's. */
    default String streamId() {
        return resourceArn();
    }

    /** The stream holding a service's custom domains. */
    static String customDomainsStream(String serviceArn) {
        return "customdomains|" + serviceArn;
    }

    /** The stream holding the tag changes of any resource. */
    static String tagsStream(String resourceArn) {
        return "tags|" + resourceArn;
    }
}
