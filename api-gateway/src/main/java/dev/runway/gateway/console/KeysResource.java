package dev.runway.gateway.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.events.wire.Json;
import dev.runway.gateway.audit.AuditRecords;
import dev.runway.gateway.audit.AuditTrail;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The account's access keys: listed (ids, users, dates), created (the secret is in that one
 * answer, which is never cached, and nowhere else) and deleted. Creates and deletes are in the
 * audit trail as IAM's CreateAccessKey and DeleteAccessKey by the signed-in key.
 */
@Path("/console/keys")
@Produces(MediaType.TEXT_HTML)
public class KeysResource {

    private final AccessKeysClient keys;
    private final SignedIn who;
    private final Sessions sessions;
    private final AuditTrail audit;

    public KeysResource(AccessKeysClient keys, SignedIn who, Sessions sessions, AuditTrail audit) {
        this.keys = keys;
        this.who = who;
        this.sessions = sessions;
        this.audit = audit;
    }

    @GET
    public TemplateInstance list() {
        AccessKeysClient.Answer answer = keys.list();
        List<Views.KeyRow> rows = new ArrayList<>();
        if (answer.ok()) {
            for (JsonNode k : answer.body()) {
                rows.add(new Views.KeyRow(k.path("accessKeyId").asText(), k.path("userName").asText(),
                        Views.time(k.get("createdAt")), k.path("accessKeyId").asText().equals(who.accessKeyId())));
            }
        }
        return Pages.keys(Views.Chrome.of(who, "keys"), rows, answer.ok() ? null : answer.message());
    }

    @POST
    public TemplateInstance create(@FormParam("userName") String userName) {
        String user = userName == null || userName.isBlank() ? "runway" : userName.strip();
        AccessKeysClient.Answer answer = keys.create(user);
        record("CreateAccessKey", Json.MAPPER.createObjectNode().put("userName", user), answer);
        if (!answer.ok()) {
            return Pages.notice("error", answer.message());
        }
        return Pages.keyCreated(answer.body().path("accessKeyId").asText(), answer.body().path("secretAccessKey").asText(),
                answer.body().path("userName").asText());
    }

    @POST
    @Path("/{id}/delete")
    public TemplateInstance delete(@PathParam("id") String id) {
        AccessKeysClient.Answer answer = keys.delete(id);
        record("DeleteAccessKey", Json.MAPPER.createObjectNode().put("accessKeyId", id), answer);
        if (!answer.ok()) {
            return Pages.notice("error", answer.message());
        }
        sessions.endAllOf(id);
        return Pages.notice("ok", "Access key " + id + " deleted; requests signed with it are refused within seconds.");
    }

    private void record(String operation, JsonNode input, AccessKeysClient.Answer answer) {
        audit.record(new AuditRecords.Call(UUID.randomUUID().toString(), Instant.now(), "iam.amazonaws.com", operation,
                who.accessKeyId(), who.sourceIp(), ConsoleApi.USER_AGENT, input, answer.status() == 201 ? 200 : answer.status(),
                answer.ok() ? null : answer.body().path("__type").asText("ServiceFailure"), answer.ok() ? null : answer.message(),
                audit.region(), audit.accountId()));
    }
}
