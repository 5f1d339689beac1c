package dev.runway.gateway.tags;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.model.Tag;
import dev.runway.events.resource.Records;
import dev.runway.events.resource.TagResource;
import dev.runway.events.resource.UntagResource;
import dev.runway.gateway.protocol.ApiError;
import dev.runway.gateway.protocol.Operation;
import dev.runway.gateway.protocol.OperationSet;
import dev.runway.gateway.resources.ResourceRegistry;
import dev.runway.gateway.resources.Shapes;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Tags on any resource the registry knows: services, configurations, VPC resources, connections. */
@ApplicationScoped
public class TagOperations implements OperationSet {

    static final TypeReference<Records.Tags> TAGS = new TypeReference<>() {
    };

    private final ResourceRegistry registry;

    public TagOperations(ResourceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Map<String, Operation> operations() {
        return Map.of(
                "TagResource", input -> {
                    registry.submit(new TagResource(input.path("ResourceArn").asText(),
                            Shapes.tags(input.path("Tags"))), "TagResource");
                    return Shapes.object();
                },
                "UntagResource", input -> {
                    registry.submit(new UntagResource(input.path("ResourceArn").asText(),
                            Shapes.strings(input.path("TagKeys"))), "UntagResource");
                    return Shapes.object();
                },
                "ListTagsForResource", this::list);
    }

    JsonNode list(JsonNode input) {
        String arn = input.path("ResourceArn").asText();
        Records.Tags tags = registry.get("tags?arn=" + ResourceRegistry.q(arn), TAGS)
                .orElseThrow(() -> ApiError.notFound("No resource exists with ARN " + arn + "."));
        ObjectNode out = Shapes.object();
        ArrayNode list = out.putArray("Tags");
        for (Tag t : tags.tags()) {
            list.addObject().put("Key", t.key()).put("Value", t.value());
        }
        return out;
    }
}
