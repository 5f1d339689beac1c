package dev.runway.registry.connection;

import dev.runway.events.query.ConnectionRecord;
import dev.runway.events.query.ConnectionSecrets;
import dev.runway.registry.service.Rejection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * The registry's internal API for connection credentials, on its loopback port: the api-gateway's
 * handshake endpoint posts tokens here, the gateway reads webhook secrets and the build-worker
 * tokens. Like Kafka, the query API and the access key admin API, it trusts whoever can reach
 * loopback; the public side (the gateway) is signed.
 */
@Path("/internal/connection-credentials")
@Produces(MediaType.APPLICATION_JSON)
public class ConnectionResource {

    /** Body of a handshake: the connection by ARN or name, and the Git host token. */
    public record Handshake(String connection, String token) {
        @Override
        public String toString() {
            return "Handshake[" + connection + ", token hidden]";
        }
    }

    private final ConnectionCredentials credentials;

    public ConnectionResource(ConnectionCredentials credentials) {
        this.credentials = credentials;
    }

    /** Completes the handshake; answers the connection and its push webhook secret. */
    @POST
    @Path("/handshake")
    @Consumes(MediaType.WILDCARD)
    public Response handshake(Handshake request) {
        if (request == null || request.connection() == null || request.connection().isBlank()) {
            return refused(new Rejection(Rejection.INVALID_REQUEST, "Name the connection: {\"connection\": \"<name or"
                    + " ARN>\", \"token\": \"...\"}."));
        }
        try {
            ConnectionCredentials.Completed done = credentials.complete(request.connection(), request.token());
            ConnectionView v = done.connection();
            return Response.ok(Map.of("connection", new ConnectionRecord(v.connectionArn, v.connectionName,
                    v.providerType, v.status, List.of(), v.createdAt), "webhookSecret", done.webhookSecret())).build();
        } catch (Rejection r) {
            return refused(r);
        }
    }

    @GET
    @Path("/secrets")
    public ConnectionSecrets secrets(@QueryParam("arn") String arn) {
        return credentials.secrets(arn == null ? "" : arn)
                .orElseThrow(() -> new NotFoundException("no credentials for connection " + arn));
    }

    private static Response refused(Rejection r) {
        int status = Rejection.NOT_FOUND.equals(r.errorType()) ? 404 : 400;
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("__type", r.errorType(), "message", r.getMessage())).build();
    }
}
