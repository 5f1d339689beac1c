package dev.runway.gateway.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.wire.Json;
import dev.runway.gateway.protocol.ApiError;
import dev.runway.gateway.registry.RegistryClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * CloudTrail's LookupEvents over Runway's audit trail: at most one LookupAttribute, a time
 * window, newest first, MaxResults (1 to 50) a page with a NextToken.
 */
@ApplicationScoped
public class LookupEventsOperation {

    static final Set<String> KEYS = Set.of("EventId", "EventName", "ReadOnly", "Username", "ResourceType",
            "ResourceName", "EventSource", "AccessKeyId");

    private final RegistryClient registry;

    public LookupEventsOperation(RegistryClient registry) {
        this.registry = registry;
    }

    JsonNode lookupEvents(JsonNode input) {
        String key = null;
        String value = null;
        JsonNode attributes = input.path("LookupAttributes");
        if (attributes.size() > 1) {
            throw error("InvalidLookupAttributesException", "LookupAttributes takes one attribute at a time.");
        }
        if (attributes.size() == 1) {
            key = attributes.get(0).path("AttributeKey").asText(null);
            value = attributes.get(0).path("AttributeValue").asText(null);
            if (key == null || !KEYS.contains(key)) {
                throw error("InvalidLookupAttributesException", "AttributeKey '" + key + "' is not one of " + KEYS + ".");
            }
            if (value == null || value.isEmpty()) {
                throw error("InvalidLookupAttributesException", "AttributeValue is required.");
            }
        }
        Long start = millis(input.path("StartTime"));
        Long end = millis(input.path("EndTime"));
        if (start != null && end != null && start > end) {
            throw error("InvalidTimeRangeException", "StartTime must be before EndTime.");
        }
        int limit = input.path("MaxResults").asInt(50);
        if (limit < 1 || limit > 50) {
            throw error("InvalidMaxResultsException", "MaxResults must be between 1 and 50.");
        }
        int offset = offset(input.path("NextToken").asText(null));
        JsonNode page = registry.auditEvents(key, value, start, end, offset, limit);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode events = out.putArray("Events");
        for (JsonNode r : page.path("events")) {
            ObjectNode e = events.addObject();
            e.put("EventId", r.path("eventID").asText());
            e.put("EventName", r.path("eventName").asText());
            e.put("ReadOnly", r.path("readOnly").asText());
            if (r.path("userIdentity").hasNonNull("accessKeyId")) {
                e.put("AccessKeyId", r.path("userIdentity").path("accessKeyId").asText());
            }
            e.put("EventTime", Instant.parse(r.path("eventTime").asText()).getEpochSecond());
            e.put("EventSource", r.path("eventSource").asText());
            e.put("Username", r.path("userIdentity").path("userName").asText());
            ArrayNode resources = e.putArray("Resources");
            JsonNode params = r.path("requestParameters");
            for (String member : new String[] {"serviceArn", "serviceName", "rule", "name"}) {
                if (params.hasNonNull(member)) {
                    resources.addObject().put("ResourceType", member.startsWith("service") ? "AWS::AppRunner::Service"
                            : "AWS::Events::Rule").put("ResourceName", params.path(member).asText());
                    break;
                }
            }
            e.put("CloudTrailEvent", r.toString());
        }
        if (page.path("more").asBoolean()) {
            out.put("NextToken", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(("audit:" + (offset + limit)).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static Long millis(JsonNode time) {
        if (time.isMissingNode() || time.isNull()) {
            return null;
        }
        if (time.isNumber()) {
            return (long) (time.asDouble() * 1000);
        }
        try {
            return Instant.parse(time.asText()).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            throw error("InvalidTimeRangeException", "'" + time.asText() + "' is not a time.");
        }
    }

    private static int offset(String token) {
        if (token == null) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith("audit:")) {
                return Integer.parseInt(decoded.substring("audit:".length()));
            }
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw error("InvalidNextTokenException", "NextToken is not valid: pass the NextToken of a previous answer.");
    }

    private static ApiError error(String type, String message) {
        return ApiError.withStatus(type, 400, message);
    }
}
