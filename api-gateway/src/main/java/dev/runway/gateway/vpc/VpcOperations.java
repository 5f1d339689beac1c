package dev.runway.gateway.vpc;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.query.Page;
import dev.runway.events.resource.CreateVpcConnector;
import dev.runway.events.resource.CreateVpcIngressConnection;
import dev.runway.events.resource.DeleteVpcConnector;
import dev.runway.events.resource.DeleteVpcIngressConnection;
import dev.runway.events.resource.Records;
import dev.runway.events.resource.UpdateVpcIngressConnection;
import dev.runway.gateway.protocol.ApiError;
import dev.runway.gateway.protocol.Operation;
import dev.runway.gateway.protocol.OperationSet;
import dev.runway.gateway.resources.ResourceRegistry;
import dev.runway.gateway.resources.Shapes;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;

/**
 * VPC connectors and VPC ingress connections. One machine on loopback has no VPC: Runway stores
 * and describes both faithfully and routes nothing through them (docs/api-compatibility.md).
 */
@ApplicationScoped
public class VpcOperations implements OperationSet {

    static final TypeReference<Records.VpcConnector> CONNECTOR = new TypeReference<>() {
    };
    static final TypeReference<Page<Records.VpcConnector>> CONNECTORS = new TypeReference<>() {
    };
    static final TypeReference<Records.VpcIngressConnection> INGRESS = new TypeReference<>() {
    };
    static final TypeReference<Page<Records.VpcIngressConnection>> INGRESSES = new TypeReference<>() {
    };

    private final ResourceRegistry registry;

    public VpcOperations(ResourceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Map<String, Operation> operations() {
        Map<String, Operation> ops = new HashMap<>();
        ops.put("CreateVpcConnector", this::createConnector);
        ops.put("DescribeVpcConnector", input -> Shapes.wrap("VpcConnector",
                connector(existingConnector(input.path("VpcConnectorArn").asText()))));
        ops.put("ListVpcConnectors", this::listConnectors);
        ops.put("DeleteVpcConnector", this::deleteConnector);
        ops.put("CreateVpcIngressConnection", this::createIngress);
        ops.put("DescribeVpcIngressConnection", input -> Shapes.wrap("VpcIngressConnection",
                ingress(existingIngress(input.path("VpcIngressConnectionArn").asText()))));
        ops.put("ListVpcIngressConnections", this::listIngress);
        ops.put("UpdateVpcIngressConnection", this::updateIngress);
        ops.put("DeleteVpcIngressConnection", this::deleteIngress);
        return ops;
    }

    JsonNode createConnector(JsonNode input) {
        String name = input.path("VpcConnectorName").asText();
        String id = ResourceRegistry.newId();
        registry.submit(new CreateVpcConnector(registry.arn("vpcconnector/" + name), name, id,
                Shapes.strings(input.path("Subnets")), Shapes.strings(input.path("SecurityGroups")),
                Shapes.tags(input.path("Tags"))), "CreateVpcConnector");
        Records.VpcConnector created = registry.get("vpc-connectors?limit=1000", CONNECTORS).orElseThrow().items()
                .stream().filter(c -> c.arn().endsWith("/" + id)).findFirst()
                .orElseThrow(() -> ApiError.internal("VPC connector " + name + " was accepted but cannot be read back"
                        + " yet; describe it shortly."));
        return Shapes.wrap("VpcConnector", connector(created));
    }

    JsonNode listConnectors(JsonNode input) {
        int offset = Shapes.offset(input, "vpcconnectors");
        return Shapes.page("VpcConnectors", "vpcconnectors", registry.get("vpc-connectors?offset=" + offset
                + "&limit=" + Shapes.maxResults(input, 100), CONNECTORS).orElseThrow(), VpcOperations::connector);
    }

    JsonNode deleteConnector(JsonNode input) {
        String arn = input.path("VpcConnectorArn").asText();
        Records.VpcConnector target = existingConnector(arn);
        registry.submit(new DeleteVpcConnector(arn), "DeleteVpcConnector");
        return Shapes.wrap("VpcConnector", connector(existingConnector(target.arn())));
    }

    JsonNode createIngress(JsonNode input) {
        String name = input.path("VpcIngressConnectionName").asText();
        String arn = registry.arn("vpcingressconnection/" + name + "/" + ResourceRegistry.newId());
        JsonNode vpc = input.path("IngressVpcConfiguration");
        registry.submit(new CreateVpcIngressConnection(arn, name, input.path("ServiceArn").asText(),
                requireText(vpc, "VpcId"), requireText(vpc, "VpcEndpointId"), Shapes.tags(input.path("Tags"))),
                "CreateVpcIngressConnection");
        return Shapes.wrap("VpcIngressConnection", ingress(existingIngress(arn)));
    }

    JsonNode listIngress(JsonNode input) {
        JsonNode filter = input.path("Filter");
        String serviceArn = Shapes.text(filter, "ServiceArn");
        String endpoint = Shapes.text(filter, "VpcEndpointId");
        String list = "vpcingress:" + serviceArn + ":" + endpoint;
        int offset = Shapes.offset(input, list);
        String path = "vpc-ingress-connections?offset=" + offset + "&limit=" + Shapes.maxResults(input, 100)
                + (serviceArn == null ? "" : "&serviceArn=" + ResourceRegistry.q(serviceArn))
                + (endpoint == null ? "" : "&vpcEndpointId=" + ResourceRegistry.q(endpoint));
        return Shapes.page("VpcIngressConnectionSummaryList", list, registry.get(path, INGRESSES).orElseThrow(),
                c -> Shapes.object().put("VpcIngressConnectionArn", c.arn()).put("ServiceArn", c.serviceArn()));
    }

    JsonNode updateIngress(JsonNode input) {
        String arn = input.path("VpcIngressConnectionArn").asText();
        existingIngress(arn);
        JsonNode vpc = input.path("IngressVpcConfiguration");
        registry.submit(new UpdateVpcIngressConnection(arn, requireText(vpc, "VpcId"), requireText(vpc, "VpcEndpointId")),
                "UpdateVpcIngressConnection");
        return Shapes.wrap("VpcIngressConnection", ingress(existingIngress(arn)));
    }

    JsonNode deleteIngress(JsonNode input) {
        String arn = input.path("VpcIngressConnectionArn").asText();
        existingIngress(arn);
        registry.submit(new DeleteVpcIngressConnection(arn), "DeleteVpcIngressConnection");
        return Shapes.wrap("VpcIngressConnection", ingress(existingIngress(arn)));
    }

    /** The model leaves both members optional; a connection without them could point nowhere. */
    private static String requireText(JsonNode vpc, String member) {
        String v = Shapes.text(vpc, member);
        if (v == null || v.isBlank()) {
            throw ApiError.invalidRequest("IngressVpcConfiguration." + member + " is required: name the VPC and the"
                    + " interface VPC endpoint the connection belongs to.");
        }
        return v;
    }

    private Records.VpcConnector existingConnector(String arn) {
        return registry.get("vpc-connector?arn=" + ResourceRegistry.q(arn), CONNECTOR)
                .orElseThrow(() -> ApiError.notFound("No VPC connector exists with ARN " + arn
                        + ". list-vpc-connectors shows the active ones."));
    }

    private Records.VpcIngressConnection existingIngress(String arn) {
        return registry.get("vpc-ingress-connection?arn=" + ResourceRegistry.q(arn), INGRESS)
                .orElseThrow(() -> ApiError.notFound("No VPC ingress connection exists with ARN " + arn
                        + ". list-vpc-ingress-connections shows them."));
    }

    static ObjectNode connector(Records.VpcConnector c) {
        ObjectNode n = Shapes.object()
                .put("VpcConnectorName", c.name())
                .put("VpcConnectorArn", c.arn())
                .put("VpcConnectorRevision", c.revision());
        n.set("Subnets", Shapes.array(c.subnets()));
        n.set("SecurityGroups", Shapes.array(c.securityGroups()));
        n.put("Status", c.status());
        Shapes.time(n, "CreatedAt", c.createdAt());
        Shapes.time(n, "DeletedAt", c.deletedAt());
        return n;
    }

    static ObjectNode ingress(Records.VpcIngressConnection c) {
        ObjectNode n = Shapes.object()
                .put("VpcIngressConnectionArn", c.arn())
                .put("VpcIngressConnectionName", c.name())
                .put("ServiceArn", c.serviceArn())
                .put("Status", c.status())
                .put("AccountId", c.accountId())
                .put("DomainName", c.domainName());
        n.putObject("IngressVpcConfiguration").put("VpcId", c.vpcId()).put("VpcEndpointId", c.vpcEndpointId());
        Shapes.time(n, "CreatedAt", c.createdAt());
        Shapes.time(n, "DeletedAt", c.deletedAt());
        return n;
    }
}
