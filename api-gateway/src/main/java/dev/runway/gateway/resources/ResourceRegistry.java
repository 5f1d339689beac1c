package dev.runway.gateway.resources;

import dev.runway.events.query.InternalCredential;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.runway.events.command.Command;
import dev.runway.events.reply.CommandRejected;
import dev.runway.events.reply.Reply;
import dev.runway.events.wire.Json;
import dev.runway.gateway.config.GatewayConfig;
import dev.runway.gateway.messaging.CommandBus;
import dev.runway.gateway.protocol.ApiError;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * What the account-resource operations share: ARNs in the configured partition, region and
 * account; commands to the registry answered by its verdict; reads from its
 * {@code /internal/resources} query API.
 */
@ApplicationScoped
public class ResourceRegistry {

    private final GatewayConfig config;
    private final CommandBus bus;
    private final HttpClient http;
    private final String base;

    public ResourceRegistry(GatewayConfig config, CommandBus bus) {
        this.config = config;
        this.bus = bus;
        this.base = config.serviceRegistry().url().replaceAll("/+$", "");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /** {@code arn:<partition>:apprunner:<region>:<account>:<resource>}. */
    public String arn(String resource) {
        return "arn:" + config.partition() + ":apprunner:" + config.region() + ":" + config.accountId() + ":" + resource;
    }

    /** A new 32-hex-digit resource id, as App Runner's. */
    public static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** Sends the command and returns once the registry accepted it; a rejection becomes its App Runner error. */
    public void submit(Command command, String operationName) {
        Reply reply = bus.send(command, UUID.randomUUID(), operationName);
        if (reply instanceof CommandRejected rejected) {
            throw ApiError.of(rejected.errorType(), rejected.message());
        }
    }

    /** GET {@code /internal/resources/<path>}; empty on 404. */
    public <T> Optional<T> get(String path, TypeReference<T> type) {
        HttpRequest request = InternalCredential.request(URI.create(base + "/internal/resources/" + path))
                .timeout(Duration.ofSeconds(5)).header("Accept", "application/json").GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw unreachable("it answered " + response.statusCode() + " to GET " + path);
            }
            return Optional.of(Json.MAPPER.readValue(response.body(), type));
        } catch (JsonProcessingException e) {
            throw unreachable("its answer to GET " + path + " is unreadable: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw unreachable(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("interrupted");
        }
    }

    public static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static ApiError unreachable(String why) {
        return ApiError.internal("Runway could not read from its service registry (" + why
                + "). ./runway status shows which components run.");
    }
}
