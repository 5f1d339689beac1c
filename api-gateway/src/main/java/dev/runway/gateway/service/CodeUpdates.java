package dev.runway.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.query.ServiceRecord;
import dev.runway.gateway.protocol.ApiError;

/** UpdateService rules for the source: its type stays, and a code source keeps what the update leaves out. */
final class CodeUpdates {

    static void keepSourceType(ServiceRecord existing, JsonNode before, ObjectNode merged) {
        JsonNode after = merged.path("SourceConfiguration");
        boolean wasCode = existing.configuration().builtFromCode();
        if (after.hasNonNull("CodeRepository") != wasCode && (after.hasNonNull("CodeRepository")
                || after.hasNonNull("ImageRepository"))) {
            throw ApiError.invalidRequest("A service's source type can't change: " + existing.serviceName()
                    + " is built from " + (wasCode ? "a code repository (CodeRepository)" : "an image (ImageRepository)")
                    + ". Create a new service for the other source type.");
        }
        if (wasCode && after.hasNonNull("CodeRepository") && !after.path("CodeRepository").has("CodeConfiguration")
                && after instanceof ObjectNode source) {
            // CodeConfiguration is required only at create: an update without it keeps the service's
            ((ObjectNode) source.path("CodeRepository")).set("CodeConfiguration",
                    before.path("CodeRepository").path("CodeConfiguration"));
        }
        if (wasCode && after instanceof ObjectNode source && !after.hasNonNull("CodeRepository")) {
            source.set("CodeRepository", before.path("CodeRepository"));
        }
    }

    private CodeUpdates() {
    }
}
