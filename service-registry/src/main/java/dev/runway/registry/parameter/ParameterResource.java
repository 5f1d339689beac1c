package dev.runway.registry.parameter;

import dev.runway.registry.secrets.SecretsApi;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * SSM Parameter Store's operations on the registry's internal port: the api-gateway forwards
 * {@code AmazonSSM.*} calls here with their bodies unchanged (docs/secrets.md), so values reach
 * the registry over HTTP and never a Kafka topic.
 */
@Path("/internal/ssm/{operation}")
@Produces(MediaType.APPLICATION_JSON)
public class ParameterResource {

    private final Parameters parameters;

    public ParameterResource(Parameters parameters) {
        this.parameters = parameters;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response call(@PathParam("operation") String operation, @HeaderParam("X-Runway-User") String user,
            byte[] body) {
        return SecretsApi.answer(body, in -> parameters.call(operation, in, user), "ValidationException");
    }
}
