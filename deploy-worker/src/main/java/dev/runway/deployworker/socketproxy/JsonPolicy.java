package dev.runway.deployworker.socketproxy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Reading request bodies as the engine does. The engine's JSON decoder (Go) matches field names
 * without regard to case and keeps the last of duplicates, so the policies compare names in lower
 * case, refuse duplicates and names outside ASCII (Go folds some of those onto ASCII letters).
 */
final class JsonPolicy {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private JsonPolicy() {
    }

    /** The body as JSON; empty → null. A body that is not JSON is refused with the reason. */
    static JsonNode parse(byte[] body) throws Refused {
        if (body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new Refused("its body is not JSON the proxy can read (" + e.getOriginalMessage() + ")");
        } catch (java.io.IOException e) {
            throw new Refused("its body could not be read");
        }
    }

    /** A field: its name in lower case (as compared), as sent (for messages), and its value. */
    record Field(String key, String name, JsonNode value) {
    }

    /** Each field of an object; duplicates by case are refused. */
    static Iterable<Field> fields(JsonNode object, String where) throws Refused {
        if (object == null || !object.isObject()) {
            throw new Refused(where + " is not a JSON object");
        }
        var seen = new java.util.HashSet<String>();
        var out = new java.util.ArrayList<Field>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            var field = it.next();
            String name = field.getKey();
            if (!name.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new Refused(where + " has a field name outside ASCII: " + name);
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (!seen.add(lower)) {
                throw new Refused(where + " names " + name + " twice (the engine does not mind case)");
            }
            out.add(new Field(lower, name, field.getValue()));
        }
        return out;
    }

    /** What the engine takes as "not set": null, false, 0, "", [] and objects of only such values. */
    static boolean empty(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return true;
        }
        if (value.isBoolean()) {
            return !value.booleanValue();
        }
        if (value.isNumber()) {
            return value.asDouble() == 0;
        }
        if (value.isTextual()) {
            return value.textValue().isEmpty();
        }
        if (value.isArray()) {
            return value.isEmpty();
        }
        if (value.isObject()) {
            // a nested object may be a map entry ({"EndpointsConfig":{"net":{}}} joins "net"): not empty
            for (JsonNode child : value) {
                if (child.isObject() || !empty(child)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** A request the policy does not forward; the message says why, for the 403's body. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
