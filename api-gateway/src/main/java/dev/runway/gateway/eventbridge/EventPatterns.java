package dev.runway.gateway.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.events.wire.Json;
import dev.runway.gateway.protocol.ApiError;
import software.amazon.event.ruler.JsonRuleCompiler;
import software.amazon.event.ruler.Ruler;

/** EventBridge event patterns, checked and matched by AWS's own matcher (event-ruler). */
public final class EventPatterns {

    /** EventBridge's limit on a pattern's length. */
    static final int MAX_LENGTH = 4096;

    /** Refuses a pattern EventBridge would refuse, with event-ruler's reason. */
    public static void check(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw invalid("Event pattern is empty. Write a JSON object such as {\"source\":[\"aws.apprunner\"]}.");
        }
        if (pattern.length() > MAX_LENGTH) {
            throw invalid("Event pattern is longer than " + MAX_LENGTH + " characters.");
        }
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(pattern);
        } catch (java.io.IOException e) {
            throw invalid("Event pattern is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (tree == null || !tree.isObject() || tree.isEmpty()) {
            throw invalid("Event pattern must be a non-empty JSON object, e.g. {\"source\":[\"aws.apprunner\"]}.");
        }
        String problem = JsonRuleCompiler.check(pattern);
        if (problem != null) {
            throw invalid("Event pattern is not valid. Reason: " + problem);
        }
    }

    /** Whether {@code event} (a JSON object) matches {@code pattern} (already checked). */
    public static boolean matches(String event, String pattern) {
        try {
            return Ruler.matchesRule(event, pattern);
        } catch (Exception e) {
            throw invalid("Event pattern is not valid. Reason: " + e.getMessage());
        }
    }

    static ApiError invalid(String message) {
        return ApiError.withStatus("InvalidEventPatternException", 400, message);
    }

    private EventPatterns() {
    }
}
