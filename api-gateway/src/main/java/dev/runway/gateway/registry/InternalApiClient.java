package dev.runway.gateway.registry;

import dev.runway.events.query.InternalCredential;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.runway.events.wire.Json;
import dev.runway.gateway.auth.Caller;
import dev.runway.gateway.config.GatewayConfig;
import dev.runway.gateway.protocol.ApiError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Hands AWS requests that carry values (SSM parameters, Secrets Manager secrets) to the
 * service-registry's internal HTTP API, never to Kafka (docs/secrets.md, "Internal contract"). A
 * 200 answer is the operation's output; a 4xx answer's {@code __type} and {@code message} are
 * passed on as a 400; anything else, an unreachable registry included, is a 500 saying what to
 * check. Bodies are never logged: they hold values.
 */
@ApplicationScoped
public class InternalApiClient {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final String base;
    private final Supplier<Optional<String>> user;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    public InternalApiClient(GatewayConfig config, Caller caller) {
        // the ARN the audit trail gives the same caller; the registry records it as LastModifiedUser
        this(config.serviceRegistry().url(), () -> caller.accessKeyId()
                .map(key -> "arn:" + config.partition() + ":iam::" + config.accountId() + ":user/" + key));
    }

    /** A client of the registry at {@code registryUrl}; {@code user} is the caller's IAM ARN, when known. */
    public InternalApiClient(String registryUrl, Supplier<Optional<String>> user) {
        this.base = registryUrl.replaceAll("/+$", "");
        this.user = user;
    }

    /** The registry's answer to {@code body} at {@code path}, e.g. {@code /internal/ssm/PutParameter}. */
    public JsonNode post(String path, String body) {
        HttpRequest.Builder request = InternalCredential.request(URI.create(base + path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        user.get().ifPresent(arn -> request.header("X-Runway-User", arn));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unavailable(path, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(path, "interrupted");
        }
        return answer(path, response.statusCode(), response.body());
    }

    static JsonNode answer(String path, int status, String body) {
        JsonNode json = parse(body);
        if (status == 200 && json.isObject()) {
            return json;
        }
        if (status >= 400 && status < 500 && json.path("__type").isTextual()) {
            throw ApiError.withStatus(json.path("__type").asText(), 400, json.path("message").asText(""));
        }
        // e.g. a registry without this path (404) or one that failed (5xx): its log says why, not its body
        throw ApiError.internal("Runway's service registry answered " + path + " with status " + status
                + " and no AWS answer. Its log has the details; ./runway status shows which components run.");
    }

    /** The body as JSON; an empty one is an empty output ({@code {}}), one that is not JSON a missing node. */
    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static ApiError unavailable(String path, String why) {
        return ApiError.internal("Runway could not reach its service registry for " + path + " (" + why
                + "). ./runway status shows which components run.");
    }
}
