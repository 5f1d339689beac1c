package dev.runway.deployworker.secrets;

import dev.runway.events.query.InternalCredential;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.runway.deployworker.secrets.Resolution.Resolved;
import dev.runway.deployworker.secrets.Resolution.Unavailable;
import dev.runway.deployworker.secrets.Resolution.Unresolvable;
import dev.runway.events.wire.Json;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The service-registry's {@code POST /internal/secret-references/resolve} (docs/secrets.md):
 * {@code {"references": {...}}} in; 200 {@code {"values": {...}}}, or 400
 * {@code {"__type": "UnresolvableReference", "message": ..., "failures": {"VAR": reason}}} out.
 *
 * <p>Nothing the registry sends is ever logged or quoted: a value could be in it. Parser messages
 * are left out of every reason too, since they quote the text they could not read.
 */
public final class RegistrySecretResolver implements SecretResolver {

    static final String PATH = "/internal/secret-references/resolve";

    private final String base;
    private final Duration timeout;
    private final HttpClient http;

    public RegistrySecretResolver(String registryUrl, Duration timeout) {
        this.base = registryUrl.replaceAll("/+$", "");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Resolution resolve(Map<String, String> references) throws InterruptedException {
        if (references.isEmpty()) {
            return new Resolved(SecretValues.NONE);
        }
        HttpResponse<byte[]> response;
        try {
            byte[] body = Json.MAPPER.writeValueAsBytes(Map.of("references", references));
            HttpRequest request = InternalCredential.request(URI.create(base + PATH)).timeout(timeout)
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            return new Unavailable("the service-registry at " + base + " did not answer within " + timeout.toMillis()
                    + " ms");
        } catch (IOException e) {
            return new Unavailable("the service-registry at " + base + " did not answer (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        Log.debugf("the service-registry answered %d to resolving the references of %s", response.statusCode(),
                new TreeSet<>(references.keySet()));
        return switch (response.statusCode()) {
            case 200 -> values(references, response.body());
            case 400 -> refusal(response.body());
            default -> new Unavailable("the service-registry at " + base + " answered HTTP " + response.statusCode()
                    + " to POST " + PATH);
        };
    }

    private Resolution values(Map<String, String> references, byte[] body) {
        JsonNode values = read(body).path("values");
        if (!values.isObject()) {
            return unreadable(200);
        }
        var byVariable = new HashMap<String, String>();
        var missing = new LinkedHashMap<String, String>();
        for (String variable : new TreeSet<>(references.keySet())) {
            JsonNode value = values.get(variable);
            if (value == null || !value.isTextual()) {
                missing.put(variable, "the service-registry returned no value for " + references.get(variable));
            } else {
                byVariable.put(variable, value.textValue());
            }
        }
        return missing.isEmpty() ? new Resolved(new SecretValues(byVariable))
                : new Unresolvable(missing, "the service-registry returned no value");
    }

    private Resolution refusal(byte[] body) {
        JsonNode answer = read(body);
        if (!answer.isObject()) {
            return unreadable(400);
        }
        var failures = new HashMap<String, String>();
        answer.path("failures").fields().forEachRemaining(failure -> failures.put(failure.getKey(),
                failure.getValue().isTextual() ? failure.getValue().textValue() : "no reason given"));
        String type = answer.path("__type").asText("");
        String message = answer.path("message").asText("no reason given");
        return new Unresolvable(failures, "UnresolvableReference".equals(type) || type.isEmpty() ? message
                : type + ": " + message);
    }

    private Unavailable unreadable(int status) {
        return new Unavailable("the service-registry at " + base + " answered HTTP " + status + " to POST " + PATH
                + " with a body that is not the expected JSON");
    }

    private static JsonNode read(byte[] body) {
        try {
            JsonNode tree = Json.MAPPER.readTree(body);
            return tree == null ? MissingNode.getInstance() : tree;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
