package dev.runway.gateway.imagepush;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.events.command.StartDeployment;
import dev.runway.events.query.Page;
import dev.runway.events.query.ServiceRecord;
import dev.runway.events.reply.CommandRejected;
import dev.runway.events.reply.Reply;
import dev.runway.gateway.protocol.RequestJson;
import dev.runway.gateway.config.GatewayConfig;
import dev.runway.gateway.messaging.CommandBus;
import dev.runway.gateway.protocol.ApiError;
import dev.runway.gateway.registry.RegistryClient;
import io.quarkus.logging.Log;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Push notifications from the platform image registry (its {@code notifications} endpoint):
 * every service with AutoDeploymentsEnabled whose image names the pushed repository and tag gets
 * a deployment, as App Runner deploys a new image pushed under the tracked ECR tag.
 */
@Path("/registry/events")
public class ImagePushResource {

    private final GatewayConfig config;
    private final RegistryClient registry;
    private final CommandBus bus;

    public ImagePushResource(GatewayConfig config, RegistryClient registry, CommandBus bus) {
        this.config = config;
        this.registry = registry;
        this.bus = bus;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response pushed(byte[] body) {
        Set<String> pushed = new HashSet<>();
        try {
            for (JsonNode event : RequestJson.read(body).path("events")) {
                JsonNode target = event.path("target");
                if ("push".equals(event.path("action").asText()) && target.hasNonNull("tag")) {
                    pushed.add(target.path("repository").asText() + ":" + target.path("tag").asText());
                }
            }
        } catch (RequestJson.BadBody e) {
            return Response.status(400).type(MediaType.TEXT_PLAIN)
                    .entity("not a registry notification envelope: " + e.getMessage()).build();
        }
        if (!pushed.isEmpty()) {
            for (ServiceRecord service : watching(pushed)) {
                deploy(service);
            }
        }
        return Response.ok().build();
    }

    private List<ServiceRecord> watching(Set<String> pushed) {
        List<ServiceRecord> matches = new ArrayList<>();
        int offset = 0;
        while (true) {
            Page<ServiceRecord> page = registry.services(offset, 100);
            for (ServiceRecord s : page.items()) {
                var c = s.configuration();
                if (c.autoDeploymentsEnabled() && !c.builtFromCode() && WatchedImages.watched(c.image().imageIdentifier(),
                        config.imageRegistry()).filter(pushed::contains).isPresent()) {
                    matches.add(s);
                }
            }
            if (page.nextOffset() == null) {
                return matches;
            }
            offset = page.nextOffset();
        }
    }

    private void deploy(ServiceRecord service) {
        UUID operationId = UUID.randomUUID();
        try {
            Reply reply = bus.send(new StartDeployment(service.serviceArn(), operationId), operationId,
                    "StartDeployment (image push)");
            if (reply instanceof CommandRejected rejected) {
                Log.warnf("image pushed for %s, but no deployment started: %s", service.serviceName(),
                        rejected.message());
            } else {
                Log.infof("image pushed for %s: deployment %s started", service.serviceName(), operationId);
            }
        } catch (ApiError e) {
            Log.warnf("image pushed for %s, but no deployment started: %s", service.serviceName(), e.getMessage());
        }
    }
}
