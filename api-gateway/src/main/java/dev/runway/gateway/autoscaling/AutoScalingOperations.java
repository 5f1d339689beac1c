package dev.runway.gateway.autoscaling;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.query.Page;
import dev.runway.events.resource.CreateAutoScalingConfiguration;
import dev.runway.events.resource.DeleteAutoScalingConfiguration;
import dev.runway.events.resource.Records;
import dev.runway.events.resource.UpdateDefaultAutoScalingConfiguration;
import dev.runway.events.wire.Json;
import dev.runway.gateway.protocol.ApiError;
import dev.runway.gateway.protocol.Operation;
import dev.runway.gateway.protocol.OperationSet;
import dev.runway.gateway.resources.ResourceRegistry;
import dev.runway.gateway.resources.Shapes;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** The auto scaling configuration operations: revisions by name, the account default, the services using one. */
@ApplicationScoped
public class AutoScalingOperations implements OperationSet {

    static final TypeReference<Records.AutoScalingConfiguration> ONE = new TypeReference<>() {
    };
    static final TypeReference<Page<Records.AutoScalingConfiguration>> PAGE = new TypeReference<>() {
    };
    static final TypeReference<Page<String>> ARNS = new TypeReference<>() {
    };

    private final ResourceRegistry registry;

    public AutoScalingOperations(ResourceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Map<String, Operation> operations() {
        return Map.of(
                "CreateAutoScalingConfiguration", this::create,
                "DescribeAutoScalingConfiguration", input -> Shapes.wrap("AutoScalingConfiguration",
                        shape(existing(input.path("AutoScalingConfigurationArn").asText()))),
                "ListAutoScalingConfigurations", this::list,
                "DeleteAutoScalingConfiguration", this::delete,
                "UpdateDefaultAutoScalingConfiguration", this::updateDefault,
                "ListServicesForAutoScalingConfiguration", this::services);
    }

    /** App Runner's defaults for members left out: 100 concurrent requests, 1 to 25 instances. */
    JsonNode create(JsonNode input) {
        String name = input.path("AutoScalingConfigurationName").asText();
        String id = ResourceRegistry.newId();
        registry.submit(new CreateAutoScalingConfiguration(registry.arn("autoscalingconfiguration/" + name), name, id,
                input.path("MaxConcurrency").asInt(100), input.path("MinSize").asInt(1),
                input.path("MaxSize").asInt(25), Shapes.tags(input.path("Tags"))), "CreateAutoScalingConfiguration");
        Records.AutoScalingConfiguration created = registry.get("auto-scaling-configurations?latestOnly=false&name="
                + ResourceRegistry.q(name), PAGE).orElseThrow().items().stream()
                .filter(c -> c.arn().endsWith("/" + id)).findFirst()
                .orElseThrow(() -> ApiError.internal("Auto scaling configuration " + name + " was accepted but cannot"
                        + " be read back yet; describe it shortly."));
        return Shapes.wrap("AutoScalingConfiguration", shape(created));
    }

    JsonNode list(JsonNode input) {
        String name = Shapes.text(input, "AutoScalingConfigurationName");
        boolean latestOnly = input.path("LatestOnly").asBoolean(true);
        String list = "autoscaling:" + name + ":" + latestOnly;
        int offset = Shapes.offset(input, list);
        String path = "auto-scaling-configurations?latestOnly=" + latestOnly + "&offset=" + offset + "&limit="
                + Shapes.maxResults(input, 100) + (name == null ? "" : "&name=" + ResourceRegistry.q(name));
        return Shapes.page("AutoScalingConfigurationSummaryList", list, registry.get(path, PAGE).orElseThrow(),
                AutoScalingOperations::summary);
    }

    /** Answers with the revision as it was before the delete took effect, then marked INACTIVE. */
    JsonNode delete(JsonNode input) {
        String arn = input.path("AutoScalingConfigurationArn").asText();
        Records.AutoScalingConfiguration target = existing(arn);
        registry.submit(new DeleteAutoScalingConfiguration(arn, input.path("DeleteAllRevisions").asBoolean(false)),
                "DeleteAutoScalingConfiguration");
        return Shapes.wrap("AutoScalingConfiguration", shape(existing(target.arn())));
    }

    JsonNode updateDefault(JsonNode input) {
        String arn = input.path("AutoScalingConfigurationArn").asText();
        Records.AutoScalingConfiguration target = existing(arn);
        registry.submit(new UpdateDefaultAutoScalingConfiguration(arn), "UpdateDefaultAutoScalingConfiguration");
        return Shapes.wrap("AutoScalingConfiguration", shape(existing(target.arn())));
    }

    JsonNode services(JsonNode input) {
        String arn = input.path("AutoScalingConfigurationArn").asText();
        String list = "autoscaling-services:" + arn;
        int offset = Shapes.offset(input, list);
        Page<String> page = registry.get("auto-scaling-configuration/services?arn=" + ResourceRegistry.q(arn)
                + "&offset=" + offset + "&limit=" + Shapes.maxResults(input, 100), ARNS).orElseThrow(() -> notFound(arn));
        ObjectNode out = Shapes.object();
        out.set("ServiceArnList", Shapes.array(page.items()));
        if (page.nextOffset() != null) {
            out.put("NextToken", dev.runway.gateway.service.PageTokens.encode(list, page.nextOffset()));
        }
        return out;
    }

    private Records.AutoScalingConfiguration existing(String arn) {
        return registry.get("auto-scaling-configuration?arn=" + ResourceRegistry.q(arn), ONE)
                .orElseThrow(() -> notFound(arn));
    }

    static ApiError notFound(String arn) {
        return ApiError.notFound("No auto scaling configuration exists with ARN " + arn
                + ". list-auto-scaling-configurations shows the active ones.");
    }

    static ObjectNode shape(Records.AutoScalingConfiguration c) {
        ObjectNode n = Json.MAPPER.createObjectNode()
                .put("AutoScalingConfigurationArn", c.arn())
                .put("AutoScalingConfigurationName", c.name())
                .put("AutoScalingConfigurationRevision", c.revision())
                .put("Latest", c.latest())
                .put("Status", c.status())
                .put("MaxConcurrency", c.maxConcurrency())
                .put("MinSize", c.minSize())
                .put("MaxSize", c.maxSize());
        Shapes.time(n, "CreatedAt", c.createdAt());
        Shapes.time(n, "DeletedAt", c.deletedAt());
        n.put("HasAssociatedService", c.hasAssociatedService());
        n.put("IsDefault", c.isDefault());
        return n;
    }

    /** AutoScalingConfigurationSummary, also what DescribeService shows of a service's configuration. */
    public static ObjectNode summary(Records.AutoScalingConfiguration c) {
        ObjectNode n = Json.MAPPER.createObjectNode()
                .put("AutoScalingConfigurationArn", c.arn())
                .put("AutoScalingConfigurationName", c.name())
                .put("AutoScalingConfigurationRevision", c.revision())
                .put("Status", c.status());
        Shapes.time(n, "CreatedAt", c.createdAt());
        n.put("HasAssociatedService", c.hasAssociatedService());
        n.put("IsDefault", c.isDefault());
        return n;
    }
}
