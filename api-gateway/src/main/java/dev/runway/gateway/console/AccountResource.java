package dev.runway.gateway.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.gateway.audit.AuditRecords;
import dev.runway.gateway.audit.AuditTrail;
import dev.runway.gateway.connections.ConnectionOperations;
import dev.runway.gateway.delivery.DeadLetterResource;
import dev.runway.gateway.protocol.ApiError;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The account's other resources, read through the same operations as the CLI: auto scaling
 * configurations, connections (name, provider, status: a connection's token never leaves the
 * registry), event rules with a pattern tester that calls EventBridge's TestEventPattern, and
 * the dead letters of their webhook deliveries.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class AccountResource {

    /** An App Runner status change, as the tester's starting point. */
    static final String SAMPLE_EVENT = """
            {
              "version": "0",
              "id": "6f0ef0a5-0000-4000-8000-000000000000",
              "detail-type": "AppRunner Service Status Change",
              "source": "aws.apprunner",
              "account": "000000000000",
              "time": "2026-12-01T10:00:00Z",
              "region": "us-east-1",
              "resources": ["arn:aws:apprunner:us-east-1:000000000000:service/shop/0123456789abcdef0123456789abcdef"],
              "detail": {"previousServiceStatus": "OPERATION_IN_PROGRESS", "currentServiceStatus": "RUNNING",
                         "serviceName": "shop", "serviceId": "0123456789abcdef0123456789abcdef",
                         "message": "Service status is set to RUNNING.", "severity": "INFO"}
            }""";
    static final String SAMPLE_PATTERN = """
            {"source": ["aws.apprunner"], "detail": {"currentServiceStatus": ["RUNNING"]}}""";

    private final ConsoleApi api;
    private final SignedIn who;
    private final DeadLetterResource deadLetters;
    private final ConnectionOperations connections;
    private final AuditTrail audit;

    public AccountResource(ConsoleApi api, SignedIn who, DeadLetterResource deadLetters, ConnectionOperations connections,
            AuditTrail audit) {
        this.api = api;
        this.who = who;
        this.deadLetters = deadLetters;
        this.connections = connections;
        this.audit = audit;
    }

    /** Events no target took; the target by its id (its URL may carry credentials) and why. */
    @GET
    @Path("/dead-letters")
    public TemplateInstance deadLetters() {
        List<List<String>> rows = new ArrayList<>();
        String error = null;
        try {
            for (JsonNode d : ConsoleApi.parse(deadLetters.list(null)).path("DeadLetters")) {
                rows.add(List.of(d.path("Rule").asText(), d.path("TargetId").asText(), d.path("Outcome").asText(),
                        d.path("Attempts").asText(), d.path("LastError").asText(), Views.time(d.get("DeadLetteredAt"))));
            }
        } catch (RuntimeException e) {
            error = "Runway could not read its dead letters: " + e.getMessage();
        }
        return Pages.table(Views.Chrome.of(who, "dead-letters"), "Dead letters",
                "Events a rule's target never took, after every retry, oldest first (./runway deadletters lists"
                        + " the platform's own as well).",
                List.of("Rule", "Target", "Outcome", "Attempts", "Last error", "When"), rows, error);
    }

    @GET
    @Path("/auto-scaling")
    public TemplateInstance autoScaling() {
        ConsoleApi.Answer answer = api.call(who, "AppRunner.ListAutoScalingConfigurations",
                ConsoleApi.input().put("MaxResults", 100));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode c : answer.body().path("AutoScalingConfigurationSummaryList")) {
            JsonNode full = api.call(who, "AppRunner.DescribeAutoScalingConfiguration", ConsoleApi.input()
                    .put("AutoScalingConfigurationArn", c.path("AutoScalingConfigurationArn").asText())).body()
                    .path("AutoScalingConfiguration");
            rows.add(List.of(c.path("AutoScalingConfigurationName").asText(), c.path("AutoScalingConfigurationRevision").asText(),
                    full.path("MinSize").asText(), full.path("MaxSize").asText(), full.path("MaxConcurrency").asText(),
                    c.path("IsDefault").asBoolean() || full.path("IsDefault").asBoolean() ? "yes" : "",
                    c.path("Status").asText()));
        }
        return Pages.table(Views.Chrome.of(who, "auto-scaling"), "Auto scaling configurations",
                "Each service scales between MinSize and MaxSize instances, adding one when its instances"
                        + " serve more than MaxConcurrency requests at once.",
                List.of("Name", "Revision", "Min size", "Max size", "Max concurrency", "Default", "Status"), rows,
                answer.ok() ? null : answer.message());
    }

    @GET
    @Path("/connections")
    public TemplateInstance connections() {
        ConsoleApi.Answer answer = api.call(who, "AppRunner.ListConnections", ConsoleApi.input().put("MaxResults", 100));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode c : answer.body().path("ConnectionSummaryList")) {
            rows.add(List.of(c.path("ConnectionName").asText(), c.path("ProviderType").asText(), c.path("Status").asText(),
                    Views.time(c.get("CreatedAt"))));
        }
        return Pages.connections(Views.Chrome.of(who, "connections"), rows, answer.ok() ? null : answer.message());
    }

    @POST
    @Path("/connections")
    public Response createConnection(@FormParam("connectionName") String name, @FormParam("provider") String provider) {
        ConsoleApi.Answer answer = api.call(who, "AppRunner.CreateConnection", ConsoleApi.input()
                .put("ConnectionName", name == null ? "" : name.strip()).put("ProviderType", provider == null ? "" : provider));
        if (answer.ok()) {
            return ServicesResource.redirect("/console/connections");
        }
        return ServicesResource.html(ServicesResource.UNPROCESSABLE, Pages.notice("error", answer.message()));
    }

    /**
     * Completes a connection's handshake with a Git host token typed here (App Runner's console
     * does this in the host's own window). The token goes to the registry, which stores it
     * encrypted; it is never shown, logged or audited. The push webhook's secret is shown in this
     * one answer, as {@code ./runway connections complete} prints it.
     */
    @POST
    @Path("/connections/complete")
    public Response completeHandshake(@FormParam("connection") String connection, @FormParam("token") String token) {
        String name = connection == null ? "" : connection.strip();
        int status = 200;
        String errorType = null;
        String message = null;
        Response page;
        try {
            JsonNode done = connections.complete(name, token == null ? null : token.strip());
            page = ServicesResource.html(200, Pages.handshakeDone(name, done.path("WebhookPath").asText(),
                    done.path("WebhookSecret").asText()));
        } catch (ApiError e) {
            status = e.status();
            errorType = e.type();
            message = e.getMessage();
            page = ServicesResource.html(ServicesResource.UNPROCESSABLE, Pages.notice("error", message));
        }
        audit.record(new AuditRecords.Call(java.util.UUID.randomUUID().toString(), java.time.Instant.now(),
                "apprunner.amazonaws.com", "CompleteConnectionHandshake", who.accessKeyId(), who.sourceIp(),
                ConsoleApi.USER_AGENT, ConsoleApi.input().put("connection", name), status, errorType, message,
                audit.region(), audit.accountId()));
        return page;
    }

    @GET
    @Path("/rules")
    public TemplateInstance rules() {
        ConsoleApi.Answer answer = api.call(who, "AWSEvents.ListRules", ConsoleApi.input().put("Limit", 100));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode r : answer.body().path("Rules")) {
            ConsoleApi.Answer targets = api.call(who, "AWSEvents.ListTargetsByRule",
                    ConsoleApi.input().put("Rule", r.path("Name").asText()));
            List<String> ids = new ArrayList<>();
            targets.body().path("Targets").forEach(t -> ids.add(t.path("Id").asText()));
            rows.add(List.of(r.path("Name").asText(), r.path("State").asText(), r.path("EventPattern").asText(""),
                    String.join(", ", ids)));
        }
        return Pages.rules(Views.Chrome.of(who, "rules"), rows, answer.ok() ? null : answer.message(), SAMPLE_PATTERN,
                SAMPLE_EVENT, Views.Errors.none(), null);
    }

    @POST
    @Path("/rules/test")
    public Response test(@FormParam("pattern") String pattern, @FormParam("event") String event) {
        ObjectNode in = ConsoleApi.input().put("EventPattern", pattern == null ? "" : pattern)
                .put("Event", event == null ? "" : event);
        ConsoleApi.Answer answer = api.call(who, "AWSEvents.TestEventPattern", in);
        if (answer.ok()) {
            boolean result = answer.body().path("Result").asBoolean();
            return ServicesResource.html(200, Pages.patternTester(pattern, event, Views.Errors.none(),
                    result ? "The event matches the pattern." : "The event does not match the pattern."));
        }
        String message = answer.message();
        String field = message.contains("Parameter Event ") || message.contains("at 'event'") ? "event" : "pattern";
        return ServicesResource.html(ServicesResource.UNPROCESSABLE,
                Pages.patternTester(pattern, event, new Views.Errors(Map.of(field, message)), null));
    }
}
