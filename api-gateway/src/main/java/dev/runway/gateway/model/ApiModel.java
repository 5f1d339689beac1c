package dev.runway.gateway.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.events.wire.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An AWS API model bundled as a resource: operations and shapes. The bean is App Runner's
 * ({@code apprunner/service-2.json}); other APIs construct theirs from their own resource.
 */
@ApplicationScoped
public class ApiModel {

    private final JsonNode operations;
    private final JsonNode shapes;

    public ApiModel() {
        this("/apprunner/service-2.json");
    }

    /** The model in a class-path resource, e.g. {@code /ssm/service-2.json}. */
    public ApiModel(String resource) {
        this(load(resource));
    }

    ApiModel(JsonNode model) {
        this.operations = model.path("operations");
        this.shapes = model.path("shapes");
    }

    static JsonNode load(String resource) {
        try (InputStream in = ApiModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("API model " + resource + " is missing from the build");
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean hasOperation(String name) {
        return operations.has(name);
    }

    public int operationCount() {
        return operations.size();
    }

    /** The operations' names, in the model's order. */
    public List<String> operationNames() {
        List<String> names = new ArrayList<>();
        operations.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The input shape's name of an operation, or null when it takes none. */
    public String inputShape(String operation) {
        JsonNode input = operations.path(operation).path("input").path("shape");
        return input.isMissingNode() ? null : input.asText();
    }

    public JsonNode shape(String name) {
        JsonNode shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalArgumentException("no shape " + name + " in the API model");
        }
        return shape;
    }
}
