package dev.runway.gateway.connections;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.events.wire.Json;
import dev.runway.gateway.protocol.RequestJson;
import dev.runway.gateway.protocol.ApiError;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /runway/connections/complete} with {@code {"Connection": "<name or ARN>", "Token": "..."}}:
 * Runway's stand-in for App Runner's console handshake. The connection becomes AVAILABLE; the answer
 * carries the push webhook's path and secret for the Git host. The token is never logged. Signed with
 * SigV4 like every API call ({@code ./runway connections complete} signs with the admin key).
 */
@Path("/runway/connections/complete")
public class ConnectionHandshakeResource {

    private final ConnectionOperations connections;

    public ConnectionHandshakeResource(ConnectionOperations connections) {
        this.connections = connections;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response complete(byte[] body) {
        try {
            JsonNode in = RequestJson.read(body);
            String connection = in.path("Connection").asText("");
            if (connection.isBlank()) {
                throw ApiError.invalidRequest("Name the connection: {\"Connection\": \"<name or ARN>\", \"Token\": \"...\"}.");
            }
            return Response.ok(connections.complete(connection, in.path("Token").asText(null)).toString(),
                    MediaType.APPLICATION_JSON).build();
        } catch (ApiError e) {
            return Response.status(e.status()).type(MediaType.APPLICATION_JSON).entity(Json.MAPPER.createObjectNode()
                    .put("__type", e.type()).put("Message", e.getMessage()).toString()).build();
        } catch (RequestJson.BadBody e) {
            return Response.status(400).type(MediaType.APPLICATION_JSON).entity(Json.MAPPER.createObjectNode()
                    .put("__type", e.problem() == RequestJson.Problem.MALFORMED ? "SerializationException"
                            : "InvalidRequestException").put("Message", e.getMessage()).toString()).build();
        }
    }
}
