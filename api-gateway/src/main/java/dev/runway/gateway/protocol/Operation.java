package dev.runway.gateway.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/** One App Runner operation: the validated input structure in, the output structure out. */
@FunctionalInterface
public interface Operation {
    JsonNode handle(JsonNode input);
}
