package dev.runway.gateway.connections;

import dev.runway.events.query.InternalCredential;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.command.CreateConnection;
import dev.runway.events.command.DeleteConnection;
import dev.runway.events.query.ConnectionRecord;
import dev.runway.events.query.ConnectionSecrets;
import dev.runway.events.query.Page;
import dev.runway.events.query.RegistryQueries;
import dev.runway.events.wire.Json;
import dev.runway.gateway.config.GatewayConfig;
import dev.runway.gateway.protocol.ApiError;
import dev.runway.gateway.protocol.Operation;
import dev.runway.gateway.protocol.OperationSet;
import dev.runway.gateway.resources.ResourceRegistry;
import dev.runway.gateway.resources.Shapes;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * CreateConnection, ListConnections, DeleteConnection, and Runway's handshake (App Runner's console
 * step): the Git host token a user hands over goes straight to the registry's internal API, which
 * stores it encrypted; it never travels on Kafka and is never logged.
 */
@ApplicationScoped
public class ConnectionOperations implements OperationSet {

    private final ResourceRegistry resources;
    private final RegistryQueries registry;
    private final HttpClient http;
    private final String base;

    public ConnectionOperations(GatewayConfig config, ResourceRegistry resources) {
        this.resources = resources;
        this.base = config.serviceRegistry().url().replaceAll("/+$", "");
        this.registry = new RegistryQueries(base, Duration.ofSeconds(5));
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public Map<String, Operation> operations() {
        return Map.of("CreateConnection", this::create, "ListConnections", this::list, "DeleteConnection", this::delete);
    }

    JsonNode create(JsonNode input) {
        String name = input.path("ConnectionName").asText();
        String arn = resources.arn("connection/" + name + "/" + ResourceRegistry.newId());
        resources.submit(new CreateConnection(arn, name, input.path("ProviderType").asText(),
                Shapes.tags(input.path("Tags"))), "CreateConnection");
        return Shapes.wrap("Connection", shape(read(arn).orElseThrow(() -> ApiError.internal("Connection " + arn
                + " was accepted but cannot be read back yet; list-connections shortly."))));
    }

    JsonNode list(JsonNode input) {
        String name = Shapes.text(input, "ConnectionName");
        String list = "connections:" + (name == null ? "" : name);
        int offset = Shapes.offset(input, list);
        int limit = Shapes.maxResults(input, 100);
        Page<ConnectionRecord> page = query(() -> registry.connections(offset, limit, name));
        return Shapes.page("ConnectionSummaryList", list, page, ConnectionOperations::shape);
    }

    JsonNode delete(JsonNode input) {
        String arn = input.path("ConnectionArn").asText();
        ConnectionRecord before = read(arn).filter(c -> !"DELETED".equals(c.status())).orElseThrow(() -> notFound(arn));
        resources.submit(new DeleteConnection(arn), "DeleteConnection");
        return Shapes.wrap("Connection", shape(read(arn).orElse(before)));
    }

    /**
     * Runway's handshake: the connection named by ARN or name gets {@code token} and becomes
     * AVAILABLE. Answers the connection with its push webhook's path and secret.
     */
    public ObjectNode complete(String arnOrName, String token) {
        if (token == null || token.isBlank()) {
            throw ApiError.invalidRequest("Give the access token of the Git host account (a GitHub or Bitbucket"
                    + " token that can read the repositories) as Token.");
        }
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(Map.of("connection", arnOrName, "token", token));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest request = InternalCredential.request(URI.create(base + "/internal/connection-credentials/handshake"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        JsonNode answer;
        int status;
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            status = response.statusCode();
            answer = Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw unreachable(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("interrupted");
        }
        if (status != 200) {
            if (answer.hasNonNull("__type")) {
                throw ApiError.of(answer.path("__type").asText(), answer.path("message").asText());
            }
            throw unreachable("it answered " + status + " to the handshake");
        }
        ConnectionRecord c = Json.MAPPER.convertValue(answer.path("connection"), ConnectionRecord.class);
        ObjectNode out = shape(c);
        out.put("WebhookPath", "/webhooks/push/" + c.connectionName());
        out.put("WebhookSecret", answer.path("webhookSecret").asText());
        return out;
    }

    /** A live connection by ARN or name. */
    public Optional<ConnectionRecord> find(String arnOrName) {
        if (arnOrName.startsWith("arn:")) {
            return read(arnOrName).filter(c -> !"DELETED".equals(c.status()));
        }
        return query(() -> registry.connections(0, 1, arnOrName)).items().stream().findFirst();
    }

    /** The token and webhook secret of a connection that completed its handshake. */
    Optional<ConnectionSecrets> secrets(String arn) {
        return query(() -> registry.connectionSecrets(arn));
    }

    private Optional<ConnectionRecord> read(String arn) {
        return query(() -> registry.connection(arn));
    }

    static ObjectNode shape(ConnectionRecord c) {
        ObjectNode n = Shapes.object()
                .put("ConnectionName", c.connectionName())
                .put("ConnectionArn", c.connectionArn())
                .put("ProviderType", c.providerType())
                .put("Status", c.status());
        Shapes.time(n, "CreatedAt", c.createdAt());
        return n;
    }

    @FunctionalInterface
    private interface Query<T> {
        T get() throws IOException;
    }

    private static <T> T query(Query<T> q) {
        try {
            return q.get();
        } catch (IOException e) {
            throw unreachable(e.getMessage());
        }
    }

    private static ApiError unreachable(String why) {
        return ApiError.internal("Runway could not reach its service registry (" + why + "). Try again shortly.");
    }

    private static ApiError notFound(String what) {
        return ApiError.notFound("No connection " + what + " exists. list-connections shows the connections in this"
                + " account and region.");
    }
}
