package dev.runway.buildworker.log;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;

/** {@code GET /logs/deployment/<operation id>}: a deployment's build log as plain text (loopback only). */
@Path("/logs/deployment")
public class DeploymentLogResource {

    private final DeploymentLogs logs;

    public DeploymentLogResource(DeploymentLogs logs) {
        this.logs = logs;
    }

    @GET
    @Path("/{operationId}")
    @Produces(MediaType.TEXT_PLAIN)
    public String log(@PathParam("operationId") String operationId) throws IOException {
        return logs.read(operationId).orElseThrow(() -> new NotFoundException("no deployment log " + operationId));
    }
}
