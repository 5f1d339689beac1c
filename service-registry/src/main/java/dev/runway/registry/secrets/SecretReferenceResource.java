package dev.runway.registry.secrets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.wire.Json;
import dev.runway.registry.service.Rejection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /internal/secret-references/resolve} for the deploy-worker: references in, values
 * out, or a 400 naming each variable whose reference does not resolve (docs/secrets.md).
 */
@Path("/internal/secret-references/resolve")
@Produces(MediaType.APPLICATION_JSON)
public class SecretReferenceResource {

    private final SecretReferences references;

    public SecretReferenceResource(SecretReferences references) {
        this.references = references;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response resolve(byte[] body) {
        Map<String, String> wanted = new LinkedHashMap<>();
        try {
            var in = Json.MAPPER.readTree(body == null ? new byte[0] : body);
            if (in == null || !in.path("references").isObject()) {
                throw new IOException("no references object");
            }
            in.path("references").fields().forEachRemaining(e -> wanted.put(e.getKey(), e.getValue().asText()));
        } catch (IOException e) {
            return SecretsApi.refused(new Rejection("InvalidRequest",
                    "Give {\"references\": {\"VARIABLE\": \"<reference>\"}}."));
        }
        SecretReferences.Resolved resolved = references.resolve(wanted);
        ObjectNode out = Json.MAPPER.createObjectNode();
        if (resolved.failures().isEmpty()) {
            out.set("values", Json.MAPPER.valueToTree(resolved.values()));
            return Response.ok(out.toString(), MediaType.APPLICATION_JSON).build();
        }
        out.put("__type", "UnresolvableReference").put("message", resolved.failures().size()
                + " secret reference(s) do not resolve: " + String.join(", ", resolved.failures().keySet()));
        out.set("failures", Json.MAPPER.valueToTree(resolved.failures()));
        return Response.status(400).type(MediaType.APPLICATION_JSON).entity(out.toString()).build();
    }
}
