package dev.runway.gateway.connections;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.events.command.StartDeployment;
import dev.runway.events.query.ConnectionRecord;
import dev.runway.events.query.ConnectionSecrets;
import dev.runway.events.query.Page;
import dev.runway.events.query.ServiceRecord;
import dev.runway.events.reply.CommandRejected;
import dev.runway.gateway.protocol.RequestJson;
import dev.runway.gateway.messaging.CommandBus;
import dev.runway.gateway.protocol.ApiError;
import dev.runway.gateway.registry.RegistryClient;
import io.quarkus.logging.Log;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * GitHub-compatible push webhooks, one URL per connection: {@code POST /webhooks/push/<connection name>}
 * with {@code X-Hub-Signature-256: sha256=<HMAC of the body with the connection's webhook secret>}.
 * A push to a branch that a service with AutoDeploymentsEnabled builds (same connection, same
 * repository) starts its deployment; pushes to other branches change nothing. Not SigV4-signed (a
 * Git host cannot): {@code AuthRoutes.exempt} lets it through, and the HMAC is the check.
 */
@Path("/webhooks/push/{connection}")
public class PushWebhookResource {

    private final ConnectionOperations connections;
    private final RegistryClient registry;
    private final CommandBus bus;

    public PushWebhookResource(ConnectionOperations connections, RegistryClient registry, CommandBus bus) {
        this.connections = connections;
        this.registry = registry;
        this.bus = bus;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response push(@PathParam("connection") String connectionName,
            @HeaderParam("X-Hub-Signature-256") String signature, @HeaderParam("X-GitHub-Event") String event,
            byte[] body) {
        ConnectionRecord connection = connections.find(connectionName).orElse(null);
        if (connection == null) {
            return text(404, "no connection " + connectionName);
        }
        String secret = connections.secrets(connection.connectionArn()).map(ConnectionSecrets::webhookSecret)
                .orElse(null);
        if (secret == null) {
            return text(401, "connection " + connectionName + " has no webhook secret yet: complete its handshake"
                    + " (./runway connections complete " + connectionName + ")");
        }
        String expected = "sha256=" + hmacHex(secret, body);
        if (signature == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                signature.trim().getBytes(StandardCharsets.UTF_8))) {
            return text(401, "the X-Hub-Signature-256 header does not match the body signed with this connection's"
                    + " webhook secret");
        }
        if (event != null && !event.equals("push")) {
            return text(200, "ignored: " + event + " event");
        }
        JsonNode push;
        try {
            push = RequestJson.read(body);
        } catch (RequestJson.BadBody e) {
            return text(400, e.getMessage());
        }
        String ref = push.path("ref").asText("");
        if (!ref.startsWith("refs/heads/")) {
            return text(200, "ignored: not a branch push");
        }
        String branch = ref.substring("refs/heads/".length());
        List<String> urls = new ArrayList<>();
        for (String field : List.of("clone_url", "html_url", "git_url", "ssh_url", "url")) {
            String u = push.path("repository").path(field).asText(null);
            if (u != null) {
                urls.add(normalize(u));
            }
        }
        List<String> started = new ArrayList<>();
        for (ServiceRecord s : watching(connection.connectionArn(), branch, urls)) {
            UUID operationId = UUID.randomUUID();
            try {
                var reply = bus.send(new StartDeployment(s.serviceArn(), operationId), operationId,
                        "StartDeployment (push)");
                if (reply instanceof CommandRejected r) {
                    Log.infof("push to %s for %s: no deployment (%s)", branch, s.serviceName(), r.message());
                } else {
                    started.add(s.serviceName());
                }
            } catch (ApiError e) {
                Log.warnf("push to %s for %s: no deployment (%s)", branch, s.serviceName(), e.getMessage());
            }
        }
        return text(200, started.isEmpty() ? "no service deploys " + branch : "deploying " + String.join(", ", started));
    }

    private List<ServiceRecord> watching(String connectionArn, String branch, List<String> urls) {
        List<ServiceRecord> matches = new ArrayList<>();
        int offset = 0;
        while (true) {
            Page<ServiceRecord> page = registry.services(offset, 100);
            for (ServiceRecord s : page.items()) {
                var c = s.configuration();
                if (c != null && c.builtFromCode() && c.autoDeploymentsEnabled()
                        && connectionArn.equals(c.code().connectionArn()) && branch.equals(c.code().branch())
                        && urls.contains(normalize(c.code().repositoryUrl()))) {
                    matches.add(s);
                }
            }
            if (page.nextOffset() == null) {
                return matches;
            }
            offset = page.nextOffset();
        }
    }

    /** {@code https://host/owner/repo.git} and {@code https://host/owner/repo/} name one repository. */
    static String normalize(String url) {
        String u = url.trim().toLowerCase(Locale.ROOT);
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u.endsWith(".git") ? u.substring(0, u.length() - 4) : u;
    }

    static String hmacHex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response text(int status, String message) {
        return Response.status(status).type(MediaType.TEXT_PLAIN).entity(message + "\n").build();
    }
}
