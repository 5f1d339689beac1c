package dev.runway.gateway.domains;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.query.Page;
import dev.runway.events.resource.AssociateCustomDomain;
import dev.runway.events.resource.CertificateValidationRecord;
import dev.runway.events.resource.DisassociateCustomDomain;
import dev.runway.events.resource.Records;
import dev.runway.gateway.protocol.ApiError;
import dev.runway.gateway.protocol.Operation;
import dev.runway.gateway.protocol.OperationSet;
import dev.runway.gateway.resources.ResourceRegistry;
import dev.runway.gateway.resources.Shapes;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;

/**
 * Custom domains of a service. The DNS target is the service URL's host. With an ACME CA the
 * registry's issuer moves a domain CREATING → PENDING_CERTIFICATE_DNS_VALIDATION → ACTIVE (or
 * CREATE_FAILED); without one it stays PENDING_CERTIFICATE_DNS_VALIDATION (docs/custom-domains.md).
 */
@ApplicationScoped
public class CustomDomainOperations implements OperationSet {

    static final TypeReference<Page<Records.CustomDomains>> PAGE = new TypeReference<>() {
    };

    private final ResourceRegistry registry;

    public CustomDomainOperations(ResourceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Map<String, Operation> operations() {
        return Map.of(
                "AssociateCustomDomain", this::associate,
                "DescribeCustomDomains", this::describe,
                "DisassociateCustomDomain", this::disassociate);
    }

    /** Domain names are case-insensitive: Runway keeps them in lower case. */
    JsonNode associate(JsonNode input) {
        String serviceArn = input.path("ServiceArn").asText();
        String domain = input.path("DomainName").asText().toLowerCase(Locale.ROOT);
        registry.submit(new AssociateCustomDomain(serviceArn, domain, input.path("EnableWWWSubdomain").asBoolean(true)),
                "AssociateCustomDomain");
        Records.CustomDomains all = domains(serviceArn, 0, 1000);
        Records.CustomDomain created = all.domains().stream().filter(d -> d.domainName().equals(domain)).findFirst()
                .orElseThrow(() -> ApiError.internal("Domain " + domain + " was accepted but cannot be read back yet."));
        return answer(all, domain(created));
    }

    JsonNode describe(JsonNode input) {
        String serviceArn = input.path("ServiceArn").asText();
        String list = "customdomains:" + serviceArn;
        int offset = Shapes.offset(input, list);
        Page<Records.CustomDomains> page = page(serviceArn, offset, Shapes.maxResults(input, 5));
        Records.CustomDomains all = page.items().get(0);
        ObjectNode out = Shapes.object().put("DNSTarget", all.dnsTarget()).put("ServiceArn", serviceArn);
        ArrayNode domains = out.putArray("CustomDomains");
        all.domains().forEach(d -> domains.add(domain(d)));
        out.set("VpcDNSTargets", vpcTargets(all));
        if (page.nextOffset() != null) {
            out.put("NextToken", dev.runway.gateway.service.PageTokens.encode(list, page.nextOffset()));
        }
        return out;
    }

    /** Answers with the domain as it was, in status DELETING: it is gone from describe-custom-domains at once. */
    JsonNode disassociate(JsonNode input) {
        String serviceArn = input.path("ServiceArn").asText();
        String domain = input.path("DomainName").asText().toLowerCase(Locale.ROOT);
        Records.CustomDomains before = domains(serviceArn, 0, 1000);
        registry.submit(new DisassociateCustomDomain(serviceArn, domain), "DisassociateCustomDomain");
        Records.CustomDomain removed = before.domains().stream().filter(d -> d.domainName().equals(domain)).findFirst()
                .orElseThrow(() -> ApiError.notFound("Domain " + domain + " is not associated with " + serviceArn + "."));
        ObjectNode shaped = domain(removed).put("Status", "DELETING");
        return answer(before, shaped);
    }

    private static ObjectNode answer(Records.CustomDomains all, ObjectNode domain) {
        ObjectNode out = Shapes.object().put("DNSTarget", all.dnsTarget()).put("ServiceArn", all.serviceArn());
        out.set("CustomDomain", domain);
        out.set("VpcDNSTargets", vpcTargets(all));
        return out;
    }

    private Records.CustomDomains domains(String serviceArn, int offset, int limit) {
        return page(serviceArn, offset, limit).items().get(0);
    }

    private Page<Records.CustomDomains> page(String serviceArn, int offset, int limit) {
        return registry.get("custom-domains?serviceArn=" + ResourceRegistry.q(serviceArn) + "&offset=" + offset
                + "&limit=" + limit, PAGE).orElseThrow(() -> ApiError.notFound("No service exists with ARN "
                + serviceArn + ". list-services shows the services in this account and region."));
    }

    private static ArrayNode vpcTargets(Records.CustomDomains all) {
        ArrayNode targets = Shapes.object().arrayNode();
        for (Records.VpcIngressConnection c : all.vpcIngressConnections()) {
            targets.addObject().put("VpcIngressConnectionArn", c.arn()).put("VpcId", c.vpcId())
                    .put("DomainName", c.domainName());
        }
        return targets;
    }

    static ObjectNode domain(Records.CustomDomain d) {
        ObjectNode n = Shapes.object().put("DomainName", d.domainName()).put("EnableWWWSubdomain", d.enableWwwSubdomain());
        ArrayNode records = n.putArray("CertificateValidationRecords");
        for (CertificateValidationRecord r : d.validationRecords()) {
            records.addObject().put("Name", r.name()).put("Type", r.type()).put("Value", r.value())
                    .put("Status", r.status());
        }
        n.put("Status", d.status());
        return n;
    }
}
