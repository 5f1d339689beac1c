package dev.runway.gateway.observability;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.query.Page;
import dev.runway.events.resource.CreateObservabilityConfiguration;
import dev.runway.events.resource.DeleteObservabilityConfiguration;
import dev.runway.events.resource.Records;
import dev.runway.gateway.protocol.ApiError;
import dev.runway.gateway.protocol.Operation;
import dev.runway.gateway.protocol.OperationSet;
import dev.runway.gateway.resources.ResourceRegistry;
import dev.runway.gateway.resources.Shapes;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * The observability configuration operations. Revisions are stored and described faithfully;
 * Runway sends no traces anywhere yet (docs/api-compatibility.md).
 */
@ApplicationScoped
public class ObservabilityOperations implements OperationSet {

    static final TypeReference<Records.ObservabilityConfiguration> ONE = new TypeReference<>() {
    };
    static final TypeReference<Page<Records.ObservabilityConfiguration>> PAGE = new TypeReference<>() {
    };

    private final ResourceRegistry registry;

    public ObservabilityOperations(ResourceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Map<String, Operation> operations() {
        return Map.of(
                "CreateObservabilityConfiguration", this::create,
                "DescribeObservabilityConfiguration", input -> Shapes.wrap("ObservabilityConfiguration",
                        shape(existing(input.path("ObservabilityConfigurationArn").asText()))),
                "ListObservabilityConfigurations", this::list,
                "DeleteObservabilityConfiguration", this::delete);
    }

    JsonNode create(JsonNode input) {
        String name = input.path("ObservabilityConfigurationName").asText();
        String id = ResourceRegistry.newId();
        registry.submit(new CreateObservabilityConfiguration(registry.arn("observabilityconfiguration/" + name), name,
                id, Shapes.text(input.path("TraceConfiguration"), "Vendor"), Shapes.tags(input.path("Tags"))),
                "CreateObservabilityConfiguration");
        Records.ObservabilityConfiguration created = registry.get("observability-configurations?latestOnly=false&name="
                + ResourceRegistry.q(name), PAGE).orElseThrow().items().stream()
                .filter(c -> c.arn().endsWith("/" + id)).findFirst()
                .orElseThrow(() -> ApiError.internal("Observability configuration " + name + " was accepted but cannot"
                        + " be read back yet; describe it shortly."));
        return Shapes.wrap("ObservabilityConfiguration", shape(created));
    }

    JsonNode list(JsonNode input) {
        String name = Shapes.text(input, "ObservabilityConfigurationName");
        boolean latestOnly = input.path("LatestOnly").asBoolean(true);
        String list = "observability:" + name + ":" + latestOnly;
        int offset = Shapes.offset(input, list);
        String path = "observability-configurations?latestOnly=" + latestOnly + "&offset=" + offset + "&limit="
                + Shapes.maxResults(input, 100) + (name == null ? "" : "&name=" + ResourceRegistry.q(name));
        return Shapes.page("ObservabilityConfigurationSummaryList", list, registry.get(path, PAGE).orElseThrow(),
                ObservabilityOperations::summary);
    }

    JsonNode delete(JsonNode input) {
        Records.ObservabilityConfiguration target = existing(input.path("ObservabilityConfigurationArn").asText());
        registry.submit(new DeleteObservabilityConfiguration(input.path("ObservabilityConfigurationArn").asText()),
                "DeleteObservabilityConfiguration");
        return Shapes.wrap("ObservabilityConfiguration", shape(existing(target.arn())));
    }

    private Records.ObservabilityConfiguration existing(String arn) {
        return registry.get("observability-configuration?arn=" + ResourceRegistry.q(arn), ONE)
                .orElseThrow(() -> ApiError.notFound("No observability configuration exists with ARN " + arn
                        + ". list-observability-configurations shows the active ones."));
    }

    static ObjectNode shape(Records.ObservabilityConfiguration c) {
        ObjectNode n = Shapes.object()
                .put("ObservabilityConfigurationArn", c.arn())
                .put("ObservabilityConfigurationName", c.name());
        if (c.traceVendor() != null) {
            n.putObject("TraceConfiguration").put("Vendor", c.traceVendor());
        }
        n.put("ObservabilityConfigurationRevision", c.revision())
                .put("Latest", c.latest())
                .put("Status", c.status());
        Shapes.time(n, "CreatedAt", c.createdAt());
        Shapes.time(n, "DeletedAt", c.deletedAt());
        return n;
    }

    static ObjectNode summary(Records.ObservabilityConfiguration c) {
        return Shapes.object()
                .put("ObservabilityConfigurationArn", c.arn())
                .put("ObservabilityConfigurationName", c.name())
                .put("ObservabilityConfigurationRevision", c.revision());
    }
}
