package dev.runway.registry.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.events.wire.Json;
import dev.runway.registry.service.Rejection;
import io.quarkus.logging.Log;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;

/**
 * How the registry's internal SSM and Secrets Manager endpoints answer: 200 and the operation's
 * output, or 400 and {@code {"__type", "message"}} in the API's own error type, which the gateway
 * passes on unchanged (docs/secrets.md).
 */
public final class SecretsApi {

    /** One operation on a parsed request body. */
    @FunctionalInterface
    public interface Call {
        JsonNode apply(JsonNode in) throws Rejection;
    }

    public static Response answer(byte[] body, Call call, String badBodyType) {
        JsonNode in;
        try {
            in = body == null || body.length == 0 ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(body);
        } catch (IOException e) {
            in = null;
        }
        if (in == null || !in.isObject()) {
            return refused(new Rejection(badBodyType, "The request body must be a JSON object."));
        }
        try {
            return Response.ok(call.apply(in).toString(), MediaType.APPLICATION_JSON).build();
        } catch (Rejection r) {
            Log.debugf("refused: %s %s", r.errorType(), r.getMessage());
            return refused(r);
        }
    }

    public static Response refused(Rejection r) {
        var error = Json.MAPPER.createObjectNode().put("__type", r.errorType()).put("message", r.getMessage());
        return Response.status(400).type(MediaType.APPLICATION_JSON).entity(error.toString()).build();
    }

    /** A string member of a request, or null when it is absent or not a string. */
    public static String text(JsonNode in, String field) {
        JsonNode v = in.path(field);
        return v.isTextual() ? v.asText() : null;
    }

    /** A timestamp as these JSON 1.1 APIs carry it: epoch seconds with milliseconds. */
    public static double seconds(java.time.Instant at) {
        return at.toEpochMilli() / 1000.0;
    }

    private SecretsApi() {
    }
}
