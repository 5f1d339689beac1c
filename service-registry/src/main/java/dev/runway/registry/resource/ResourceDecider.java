package dev.runway.registry.resource;

import dev.runway.events.command.ResourceCommand;
import dev.runway.events.model.RolloutPlan;
import dev.runway.events.model.ScaleToZero;
import dev.runway.events.model.Tag;
import dev.runway.events.resource.AssociateCustomDomain;
import dev.runway.events.resource.AutoScalingConfigurationCreated;
import dev.runway.events.resource.AutoScalingConfigurationDefaultChanged;
import dev.runway.events.resource.AutoScalingConfigurationDeleted;
import dev.runway.events.resource.CertificateValidationRecord;
import dev.runway.events.resource.CreateAutoScalingConfiguration;
import dev.runway.events.resource.CreateObservabilityConfiguration;
import dev.runway.events.resource.CreateVpcConnector;
import dev.runway.events.resource.CreateVpcIngressConnection;
import dev.runway.events.resource.CustomDomainAssociated;
import dev.runway.events.resource.CustomDomainCertificateIssued;
import dev.runway.events.resource.CustomDomainStatusChanged;
import dev.runway.events.resource.CustomDomainDisassociated;
import dev.runway.events.resource.DeleteAutoScalingConfiguration;
import dev.runway.events.resource.DeleteObservabilityConfiguration;
import dev.runway.events.resource.DeleteVpcConnector;
import dev.runway.events.resource.DeleteVpcIngressConnection;
import dev.runway.events.resource.DisassociateCustomDomain;
import dev.runway.events.resource.ObservabilityConfigurationCreated;
import dev.runway.events.resource.ObservabilityConfigurationDeleted;
import dev.runway.events.resource.ResourceEvent;
import dev.runway.events.resource.ResourceTagged;
import dev.runway.events.resource.ResourceUntagged;
import dev.runway.events.resource.TagResource;
import dev.runway.events.resource.UntagResource;
import dev.runway.events.resource.UpdateDefaultAutoScalingConfiguration;
import dev.runway.events.resource.UpdateVpcIngressConnection;
import dev.runway.events.resource.VpcConnectorCreated;
import dev.runway.events.resource.VpcConnectorDeleted;
import dev.runway.events.resource.VpcIngressConnectionCreated;
import dev.runway.events.resource.VpcIngressConnectionDeleted;
import dev.runway.events.resource.VpcIngressConnectionUpdated;
import dev.runway.registry.service.Rejection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The account resources (auto scaling and observability configurations, VPC connectors and ingress
 * connections, custom domains, tags) as pure functions: {@code decide} turns a command, the states
 * of the streams it touches and the facts read beforehand into events; {@code evolve} folds an
 * event into its stream's state.
 */
public final class ResourceDecider {

    public static final String QUOTA_EXCEEDED = "ServiceQuotaExceededException";
    static final int MAX_INSTANCES = 25;
    static final Set<String> DOMAIN_STATUSES_ALLOWED = Set.of("RUNNING", "PAUSED", "OPERATION_IN_PROGRESS");
    /**
     * A DNS name of two labels or more, each of letters, digits and inner hyphens, or a wildcard
     * over one (App Runner's custom domains).
     */
    static final java.util.regex.Pattern DOMAIN_NAME = java.util.regex.Pattern.compile(
            "(?=.{1,253}$)(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

    public static List<ResourceEvent> decide(ResourceCommand command, Map<String, ResourceState> states,
            ResourceFacts facts) throws Rejection {
        if (command instanceof CreateAutoScalingConfiguration c) {
            return createAutoScaling(c, facts);
        }
        if (command instanceof DeleteAutoScalingConfiguration d) {
            return deleteAutoScaling(d, states, facts);
        }
        if (command instanceof UpdateDefaultAutoScalingConfiguration u) {
            return updateDefault(u, states, facts);
        }
        if (command instanceof CreateObservabilityConfiguration c) {
            return createObservability(c, facts);
        }
        if (command instanceof DeleteObservabilityConfiguration d) {
            String arn = single(d.arn(), "observability configuration", states, facts);
            return List.of(new ObservabilityConfigurationDeleted(arn, facts.now()));
        }
        if (command instanceof CreateVpcConnector c) {
            return createVpcConnector(c, facts);
        }
        if (command instanceof DeleteVpcConnector d) {
            String arn = single(d.arn(), "VPC connector", states, facts);
            return List.of(new VpcConnectorDeleted(arn, facts.now()));
        }
        if (command instanceof CreateVpcIngressConnection c) {
            return createIngress(c, facts);
        }
        if (command instanceof UpdateVpcIngressConnection u) {
            requireIngress(u.arn(), states, "update");
            return List.of(new VpcIngressConnectionUpdated(u.arn(), u.vpcId(), u.vpcEndpointId()));
        }
        if (command instanceof DeleteVpcIngressConnection d) {
            requireIngress(d.arn(), states, "delete");
            return List.of(new VpcIngressConnectionDeleted(d.arn(), facts.now()));
        }
        if (command instanceof AssociateCustomDomain a) {
            return associate(a, states.getOrDefault(ResourceEvent.customDomainsStream(a.serviceArn()),
                    ResourceState.initial()), facts);
        }
        if (command instanceof DisassociateCustomDomain d) {
            return disassociate(d, states.getOrDefault(ResourceEvent.customDomainsStream(d.serviceArn()),
                    ResourceState.initial()), facts);
        }
        if (command instanceof TagResource t) {
            return tag(t, facts);
        }
        UntagResource u = (UntagResource) command;
        requireTaggable(u.resourceArn(), facts);
        return List.of(new ResourceUntagged(u.resourceArn(), u.keys()));
    }

    public static ResourceState evolve(ResourceState state, ResourceEvent event) {
        ResourceState next = state;
        if (event instanceof AutoScalingConfigurationCreated || event instanceof ObservabilityConfigurationCreated
                || event instanceof VpcConnectorCreated || event instanceof VpcIngressConnectionCreated) {
            next = state.created();
        } else if (event instanceof AutoScalingConfigurationDeleted || event instanceof ObservabilityConfigurationDeleted
                || event instanceof VpcConnectorDeleted || event instanceof VpcIngressConnectionDeleted) {
            next = state.deleted(true);
        } else if (event instanceof AutoScalingConfigurationDefaultChanged d) {
            next = state.isDefault(d.isDefault());
        } else if (event instanceof CustomDomainAssociated a) {
            next = state.created().domain(a.domainName(), a);
        } else if (event instanceof CustomDomainDisassociated d) {
            next = state.domain(d.domainName(), null);
        }
        // VpcIngressConnectionUpdated and tag changes are recorded facts no decision depends on
        return next.next();
    }

    private static List<ResourceEvent> createAutoScaling(CreateAutoScalingConfiguration c, ResourceFacts facts)
            throws Rejection {
        if (c.maxSize() > MAX_INSTANCES) {
            throw invalid("MaxSize " + c.maxSize() + " is above App Runner's limit of " + MAX_INSTANCES
                    + " instances per service.");
        }
        if (c.minSize() > c.maxSize()) {
            throw invalid("MinSize (" + c.minSize() + ") must not be greater than MaxSize (" + c.maxSize() + ").");
        }
        requireRevisionQuota("auto scaling configuration", c.name(), facts, facts.quotas().autoScalingNames(),
                facts.quotas().autoScalingRevisions());
        String arn = c.nameArn() + "/" + facts.nextRevision() + "/" + c.configurationId();
        return List.of(new AutoScalingConfigurationCreated(arn, c.name(), facts.nextRevision(), c.maxConcurrency(),
                c.minSize(), c.maxSize(), c.tags(), facts.now()));
    }

    private static List<ResourceEvent> deleteAutoScaling(DeleteAutoScalingConfiguration d,
            Map<String, ResourceState> states, ResourceFacts facts) throws Rejection {
        requireTargets(d.arn(), "auto scaling configuration", states, facts);
        List<ResourceEvent> events = new ArrayList<>();
        for (String arn : facts.targets()) {
            if (states.get(arn).isDefault()) {
                throw new Rejection(Rejection.INVALID_STATE, "Auto scaling configuration " + arn + " is the account's"
                        + " default. Make another configuration the default (update-default-auto-scaling-configuration)"
                        + " before deleting it.");
            }
            if (facts.inUse().contains(arn)) {
                throw new Rejection(Rejection.INVALID_STATE, "Auto scaling configuration " + arn + " is used by at"
                        + " least one service (list-services-for-auto-scaling-configuration names them). Update or"
                        + " delete those services first.");
            }
            events.add(new AutoScalingConfigurationDeleted(arn, facts.now()));
        }
        return events;
    }

    private static List<ResourceEvent> updateDefault(UpdateDefaultAutoScalingConfiguration u,
            Map<String, ResourceState> states, ResourceFacts facts) throws Rejection {
        requireTargets(u.arn(), "auto scaling configuration", states, facts);
        String arn = facts.targets().get(0);
        if (arn.equals(facts.currentDefault())) {
            return List.of();
        }
        List<ResourceEvent> events = new ArrayList<>();
        events.add(new AutoScalingConfigurationDefaultChanged(arn, true));
        if (facts.currentDefault() != null) {
            events.add(new AutoScalingConfigurationDefaultChanged(facts.currentDefault(), false));
        }
        return events;
    }

    private static List<ResourceEvent> createObservability(CreateObservabilityConfiguration c, ResourceFacts facts)
            throws Rejection {
        requireRevisionQuota("observability configuration", c.name(), facts, facts.quotas().observabilityNames(),
                facts.quotas().observabilityRevisions());
        String arn = c.nameArn() + "/" + facts.nextRevision() + "/" + c.configurationId();
        return List.of(new ObservabilityConfigurationCreated(arn, c.name(), facts.nextRevision(), c.traceVendor(),
                c.tags(), facts.now()));
    }

    private static List<ResourceEvent> createVpcConnector(CreateVpcConnector c, ResourceFacts facts) throws Rejection {
        if (facts.activeCount() >= facts.quotas().vpcConnectors()) {
            throw new Rejection(QUOTA_EXCEEDED, "This account already has " + facts.activeCount() + " active VPC"
                    + " connectors, the quota (RUNWAY_QUOTA_VPC_CONNECTORS=" + facts.quotas().vpcConnectors()
                    + "). Delete one first.");
        }
        String arn = c.nameArn() + "/" + facts.nextRevision() + "/" + c.connectorId();
        return List.of(new VpcConnectorCreated(arn, c.name(), facts.nextRevision(), c.subnets(), c.securityGroups(),
                c.tags(), facts.now()));
    }

    private static List<ResourceEvent> createIngress(CreateVpcIngressConnection c, ResourceFacts facts)
            throws Rejection {
        ResourceFacts.Service service = facts.service();
        if (service == null || "DELETED".equals(service.status())) {
            throw invalid("No service exists with ARN " + c.serviceArn() + "; a VPC ingress connection needs a live"
                    + " service.");
        }
        if (!DOMAIN_STATUSES_ALLOWED.contains(service.status())) {
            throw new Rejection(Rejection.INVALID_STATE, "Service " + c.serviceArn() + " is " + service.status()
                    + "; a VPC ingress connection can be created for a RUNNING or PAUSED service.");
        }
        if (facts.nameInUse()) {
            throw invalid("A VPC ingress connection named '" + c.name() + "' already exists. Choose another name.");
        }
        if (facts.activeCount() >= facts.quotas().vpcIngressConnections()) {
            throw new Rejection(QUOTA_EXCEEDED, "Service " + c.serviceArn() + " already has " + facts.activeCount()
                    + " VPC ingress connection(s), the quota (" + facts.quotas().vpcIngressConnections()
                    + "). Delete it first.");
        }
        return List.of(new VpcIngressConnectionCreated(c.arn(), c.name(), c.serviceArn(), c.vpcId(), c.vpcEndpointId(),
                service.host(), accountOf(c.arn()), c.tags(), facts.now()));
    }

    private static void requireIngress(String arn, Map<String, ResourceState> states, String action)
            throws Rejection {
        ResourceState s = states.getOrDefault(arn, ResourceState.initial());
        if (!s.exists()) {
            throw new Rejection(Rejection.NOT_FOUND, "No VPC ingress connection exists with ARN " + arn
                    + ". list-vpc-ingress-connections shows them.");
        }
        if (s.deleted()) {
            throw new Rejection(Rejection.INVALID_STATE, "Can't " + action + " VPC ingress connection " + arn
                    + ": it is DELETED.");
        }
    }

    private static List<ResourceEvent> associate(AssociateCustomDomain a, ResourceState domains, ResourceFacts facts)
            throws Rejection {
        requireServiceForDomains(a.serviceArn(), facts);
        String name = a.domainName();
        if (name == null || !DOMAIN_NAME.matcher(name).matches()) {
            throw invalid("'" + name + "' is not a valid domain name: give a DNS name of two labels or more, each of"
                    + " letters, digits and inner hyphens, such as example.com or app.example.com.");
        }
        if (name.equals(facts.service().host()) || ("www." + name).equals(facts.service().host())) {
            throw invalid("Domain " + name + " is the service's own URL host; it needs no association. Associate a"
                    + " domain you own, and point it at that host (DNSTarget).");
        }
        if (facts.domainOwner() != null && !facts.domainOwner().equals(a.serviceArn())) {
            throw invalid("Domain " + name + " is already associated with another service (" + facts.domainOwner()
                    + "). Disassociate it there first.");
        }
        if (domains.domains().containsKey(name)) {
            throw invalid("Domain " + name + " is already associated with service " + a.serviceArn()
                    + ". describe-custom-domains shows its status.");
        }
        if (domains.domains().size() >= facts.quotas().customDomainsPerService()) {
            throw new Rejection(QUOTA_EXCEEDED, "Service " + a.serviceArn() + " already has "
                    + domains.domains().size() + " custom domains, the quota ("
                    + facts.quotas().customDomainsPerService() + "). Disassociate one first.");
        }
        List<CertificateValidationRecord> records = new ArrayList<>();
        records.add(validationRecord(name));
        if (a.enableWwwSubdomain() && !name.startsWith("*.")) {
            // a wildcard covers www. itself
            records.add(validationRecord("www." + name));
        }
        CustomDomainAssociated associated = new CustomDomainAssociated(a.serviceArn(), name, a.enableWwwSubdomain(),
                records, facts.now());
        if (!facts.issuing()) {
            return List.of(associated);
        }
        return List.of(associated, new CustomDomainStatusChanged(a.serviceArn(), name, "CREATING", records, null,
                facts.now()));
    }

    /**
     * A domain's certificate work moved on (the issuer's decision): nothing when the domain is no
     * longer associated with the service, or when nothing changed.
     */
    public static List<ResourceEvent> domainStatus(ResourceState domains, String serviceArn, String domainName,
            String status, List<CertificateValidationRecord> records, String reason, Instant now) {
        if (!domains.domains().containsKey(domainName)) {
            return List.of();
        }
        return List.of(new CustomDomainStatusChanged(serviceArn, domainName, status, records, reason, now));
    }

    /** A certificate for a domain still associated (nothing otherwise); the key arrives sealed. */
    public static List<ResourceEvent> certificate(ResourceState domains, CustomDomainCertificateIssued issued) {
        if (!domains.domains().containsKey(issued.domainName())) {
            return List.of();
        }
        return List.of(issued);
    }

    private static List<ResourceEvent> disassociate(DisassociateCustomDomain d, ResourceState domains,
            ResourceFacts facts) throws Rejection {
        requireServiceForDomains(d.serviceArn(), facts);
        if (!domains.domains().containsKey(d.domainName())) {
            throw new Rejection(Rejection.NOT_FOUND, "Domain " + d.domainName() + " is not associated with service "
                    + d.serviceArn() + ". describe-custom-domains lists the ones that are.");
        }
        return List.of(new CustomDomainDisassociated(d.serviceArn(), d.domainName(), facts.now()));
    }

    private static void requireServiceForDomains(String serviceArn, ResourceFacts facts) throws Rejection {
        ResourceFacts.Service service = facts.service();
        if (service == null) {
            throw new Rejection(Rejection.NOT_FOUND, "No service exists with ARN " + serviceArn + ".");
        }
        if (!DOMAIN_STATUSES_ALLOWED.contains(service.status())) {
            throw new Rejection(Rejection.INVALID_STATE, "Service " + serviceArn + " is " + service.status()
                    + "; custom domains can change only while it is RUNNING, PAUSED or OPERATION_IN_PROGRESS.");
        }
    }

    /**
     * A CNAME in the shape ACM asks for. Runway issues no certificates yet (TLS for custom domains
     * comes later), so the record stays PENDING_VALIDATION; its names are derived from the domain
     * so that associating again yields the same record.
     */
    static CertificateValidationRecord validationRecord(String domain) {
        String label = "_" + sha256(domain).substring(0, 32);
        String value = "_" + sha256("runway-validation:" + domain).substring(0, 32) + ".acm-validations.runway.";
        return new CertificateValidationRecord(label + "." + domain + ".", "CNAME", value, "PENDING_VALIDATION");
    }

    private static List<ResourceEvent> tag(TagResource t, ResourceFacts facts) throws Rejection {
        requireTaggable(t.resourceArn(), facts);
        Map<String, String> merged = new LinkedHashMap<>();
        facts.currentTags().forEach(tag -> merged.put(tag.key(), tag.value()));
        for (Tag tag : t.tags()) {
            if (tag.key().toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw invalid("Tag key '" + tag.key() + "' is reserved: keys starting with aws: belong to AWS.");
            }
            merged.put(tag.key(), tag.value());
        }
        if (t.resourceArn().contains(":service/")) {
            try {
                List<Tag> tags = merged.entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toList();
                ScaleToZero.fromTags(tags);
                RolloutPlan.fromTags(tags);
            } catch (IllegalArgumentException e) {
                throw invalid(e.getMessage());
            }
        }
        if (merged.size() > facts.quotas().tagsPerResource()) {
            throw invalid("A resource can have at most " + facts.quotas().tagsPerResource() + " tags; this request"
                    + " would give " + t.resourceArn() + " " + merged.size() + ". Remove some with untag-resource first.");
        }
        return List.of(new ResourceTagged(t.resourceArn(), t.tags()));
    }

    private static void requireTaggable(String arn, ResourceFacts facts) throws Rejection {
        if (facts.existence() == ResourceFacts.Existence.UNKNOWN) {
            throw new Rejection(Rejection.NOT_FOUND, "No resource exists with ARN " + arn + ".");
        }
        if (facts.existence() == ResourceFacts.Existence.INACTIVE) {
            throw new Rejection(Rejection.INVALID_STATE, "Resource " + arn + " is deleted; its tags can no longer"
                    + " change.");
        }
    }

    private static void requireRevisionQuota(String kind, String name, ResourceFacts facts, int names, int revisions)
            throws Rejection {
        if (facts.activeOfName() == 0 && facts.activeCount() >= names) {
            throw new Rejection(QUOTA_EXCEEDED, "This account already has " + facts.activeCount() + " " + kind
                    + " names, the quota (" + names + "). Delete one, or add a revision to an existing name.");
        }
        if (facts.activeOfName() >= revisions) {
            throw new Rejection(QUOTA_EXCEEDED, kind.substring(0, 1).toUpperCase(Locale.ROOT) + kind.substring(1)
                    + " '" + name + "' already has " + facts.activeOfName() + " active revisions, the quota ("
                    + revisions + "). Delete an old revision first.");
        }
    }

    /** The targets the handler resolved must exist and be active. */
    private static void requireTargets(String arn, String kind, Map<String, ResourceState> states,
            ResourceFacts facts) throws Rejection {
        if (facts.targets().isEmpty()) {
            throw new Rejection(Rejection.NOT_FOUND, "No active " + kind + " matches ARN " + arn + ".");
        }
        for (String target : facts.targets()) {
            if (!states.getOrDefault(target, ResourceState.initial()).live()) {
                throw new Rejection(Rejection.NOT_FOUND, "No active " + kind + " exists with ARN " + target + ".");
            }
        }
    }

    private static String single(String arn, String kind, Map<String, ResourceState> states, ResourceFacts facts)
            throws Rejection {
        requireTargets(arn, kind, states, facts);
        return facts.targets().get(0);
    }

    private static String accountOf(String arn) {
        String[] parts = arn.split(":");
        return parts.length > 4 ? parts[4] : "";
    }

    private static Rejection invalid(String message) {
        return new Rejection(Rejection.INVALID_REQUEST, message);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ResourceDecider() {
    }
}
