package dev.runway.gateway.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.wire.Json;
import dev.runway.gateway.protocol.ApiCalls;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The console's way to the API: each call goes in-process through the same protocol dispatch as
 * a signed {@code POST /} ({@link ApiCalls}): the same validation, the same error messages, and an
 * audit record naming the signed-in access key (user agent {@value #USER_AGENT}). Each call gets
 * a request id of its own.
 */
@ApplicationScoped
public class ConsoleApi {

    static final String USER_AGENT = "runway-console";

    /** What an operation answered: its output, or its error type and message. */
    public record Answer(int status, JsonNode body) {

        public boolean ok() {
            return status < 400;
        }

        public String errorType() {
            return ok() ? null : body.path("__type").asText("InternalServiceErrorException");
        }

        public String message() {
            if (ok()) {
                return null;
            }
            return body.has("Message") ? body.path("Message").asText() : body.path("message").asText("no message");
        }
    }

    /** The signed-in key and address, taken off the request-scoped {@link SignedIn} for calls on other threads. */
    public record As(String accessKeyId, String sourceIp) {
    }

    private final ApiCalls calls;
    /** Runs a page's independent calls side by side (each waits for the registry and writes its audit record). */
    private final ExecutorService workers = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "console-call");
        t.setDaemon(true);
        return t;
    });

    public ConsoleApi(ApiCalls calls) {
        this.calls = calls;
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    /** Who {@code who} is, for {@link #call(As, String, ObjectNode)} on another thread (read on the request's thread). */
    static As as(SignedIn who) {
        return new As(who.accessKeyId(), who.sourceIp());
    }

    /** Runs {@code work} on the console's workers; it must not touch request-scoped beans. */
    <T> CompletableFuture<T> async(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, workers);
    }

    /** The value of a finished or running {@link #async} piece of work (its exception rethrown unchecked). */
    static <T> T join(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Calls {@code target} as {@code as}; safe on any thread. */
    public Answer call(As as, String target, ObjectNode input) {
        return call(as.accessKeyId(), as.sourceIp(), target, input);
    }

    /** Calls {@code target}, e.g. {@code AppRunner.DescribeService}, as the signed-in key. */
    public Answer call(SignedIn who, String target, ObjectNode input) {
        return call(who.accessKeyId(), who.sourceIp(), target, input);
    }

    Answer call(String accessKeyId, String sourceIp, String target, ObjectNode input) {
        Response response = calls.call(target, input.toString().getBytes(StandardCharsets.UTF_8),
                UUID.randomUUID().toString(), new ApiCalls.Who(accessKeyId, sourceIp, USER_AGENT));
        return new Answer(response.getStatus(), parse(response.getEntity() instanceof String s ? s : null));
    }

    /** A JSON object answer; anything else (none, not JSON) is an empty object. */
    static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            return node != null && node.isObject() ? node : Json.MAPPER.createObjectNode();
        } catch (java.io.IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    static ObjectNode input() {
        return Json.MAPPER.createObjectNode();
    }
}
