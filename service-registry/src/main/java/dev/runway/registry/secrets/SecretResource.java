package dev.runway.registry.secrets;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Secrets Manager's operations on the registry's internal port: the api-gateway forwards
 * {@code secretsmanager.*} calls here with their bodies unchanged (docs/secrets.md), so values
 * reach the registry over HTTP and never a Kafka topic.
 */
@Path("/internal/secretsmanager/{operation}")
@Produces(MediaType.APPLICATION_JSON)
public class SecretResource {

    private final Secrets secrets;

    public SecretResource(Secrets secrets) {
        this.secrets = secrets;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response call(@PathParam("operation") String operation, byte[] body) {
        return SecretsApi.answer(body, in -> secrets.call(operation, in), "InvalidRequestException");
    }
}
