package dev.runway.registry.credentials;

import dev.runway.events.query.AccessKeyRecord;
import dev.runway.events.query.AccessKeySecret;
import dev.runway.registry.service.Rejection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * The registry's admin API for access keys, on its internal (loopback) port: `./runway
 * credentials` and `./runway up` manage keys through it, and the api-gateway reads secrets from
 * it to verify signatures. Like Kafka and the query API, it trusts whoever can reach loopback.
 */
@Path("/internal/access-keys")
@Produces(MediaType.APPLICATION_JSON)
public class AccessKeyResource {

    /** Body of a create; userName defaults to {@code runway}. */
    public record CreateRequest(String userName) {
    }

    private final AccessKeys keys;

    public AccessKeyResource(AccessKeys keys) {
        this.keys = keys;
    }

    /** Creates a key; the answer is the only place its secret ever appears. */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response create(CreateRequest request) {
        String user = request == null || request.userName() == null || request.userName().isBlank() ? "runway"
                : request.userName();
        try {
            AccessKeys.Created created = keys.create(user);
            return Response.status(201).entity(Map.of(
                    "accessKeyId", created.key().accessKeyId(),
                    "secretAccessKey", created.secretAccessKey(),
                    "userName", created.key().userName(),
                    "createdAt", created.key().createdAt().toString())).build();
        } catch (Rejection r) {
            return refused(r);
        }
    }

    @GET
    public List<AccessKeyRecord> list() {
        return keys.list();
    }

    @GET
    @Path("/{id}")
    public AccessKeyRecord one(@PathParam("id") String id) {
        return keys.find(id).orElseThrow(() -> new NotFoundException("no active access key " + id));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        try {
            keys.delete(id);
            return Response.noContent().build();
        } catch (Rejection r) {
            return refused(r);
        }
    }

    /** For the api-gateway's signature checks. */
    @GET
    @Path("/{id}/secret")
    public AccessKeySecret secret(@PathParam("id") String id) {
        return keys.secret(id).orElseThrow(() -> new NotFoundException("no active access key " + id));
    }

    private static Response refused(Rejection r) {
        int status = Rejection.NOT_FOUND.equals(r.errorType()) ? 404 : 400;
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("__type", r.errorType(), "message", r.getMessage())).build();
    }
}
