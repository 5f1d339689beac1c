package dev.runway.gateway.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.gateway.protocol.ApiError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks a request against the API model's constraints (required members, types, lengths,
 * patterns, enums, ranges, nested structures, lists, maps and base64 blobs), the way AWS services
 * do, and answers the first violations as one error that names member and rule: App Runner's
 * (the bean) says InvalidRequestException, another API's validator the type it is given. Unknown
 * members are ignored, as AWS ignores them.
 */
@ApplicationScoped
public class ModelValidator {

    /**
     * Where Runway accepts more than App Runner: image identifiers may name the platform registry
     * (e.g. {@code 127.0.0.1:5000/app:latest}) or a local image, besides ECR-style names.
     */
    static final Map<String, Pattern> WIDENED = Map.of("ImageIdentifier",
            Pattern.compile("([a-z0-9.-]+(:[0-9]+)?/)?[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*"
                    + "(:[\\w][\\w.-]{0,127})?(@sha256:[a-f0-9]{64})?"));

    private static final int MAX_REPORTED = 3;

    private final ApiModel model;
    private final String errorType;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    @Inject
    public ModelValidator(ApiModel model) {
        this(model, "InvalidRequestException");
    }

    /** A validator whose violations are 400 answers of {@code errorType}, e.g. "ValidationException". */
    public ModelValidator(ApiModel model, String errorType) {
        this.model = model;
        this.errorType = errorType;
    }

    /** Throws {@link ApiError} (400, this validator's type) when {@code input} breaks the operation's input shape. */
    public void validate(String operation, JsonNode input) {
        String shape = model.inputShape(operation);
        if (shape == null) {
            return;
        }
        List<String> errors = new ArrayList<>();
        check(shape, input, "", errors);
        if (!errors.isEmpty()) {
            int n = errors.size();
            List<String> shown = errors.subList(0, Math.min(n, MAX_REPORTED));
            throw ApiError.withStatus(errorType, 400, n + " validation error" + (n == 1 ? "" : "s") + " detected: "
                    + String.join("; ", shown));
        }
    }

    private void check(String shapeName, JsonNode value, String path, List<String> errors) {
        JsonNode shape = model.shape(shapeName);
        String type = shape.path("type").asText();
        switch (type) {
            case "structure" -> structure(shape, value, path, errors);
            case "list" -> list(shape, value, path, errors);
            case "map" -> map(shape, value, path, errors);
            case "string" -> string(shapeName, shape, value, path, errors);
            case "integer", "long" -> integer(shape, value, path, errors);
            case "boolean" -> {
                if (!value.isBoolean()) {
                    errors.add(at(path) + " must be a boolean (true or false)");
                }
            }
            case "double", "float", "timestamp" -> {
                if (!value.isNumber()) {
                    errors.add(at(path) + " must be a number");
                }
            }
            case "blob" -> blob(shape, value, path, errors);
            default -> {
                // documents do not occur in the bundled models' inputs
            }
        }
    }

    private void structure(JsonNode shape, JsonNode value, String path, List<String> errors) {
        if (!value.isObject()) {
            errors.add(at(path) + " must be a JSON object");
            return;
        }
        for (JsonNode required : shape.path("required")) {
            JsonNode member = value.get(required.asText());
            if (member == null || member.isNull()) {
                errors.add("Value null at '" + join(path, required.asText())
                        + "' failed to satisfy constraint: Member must not be null");
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = shape.path("members").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> member = fields.next();
            JsonNode v = value.get(member.getKey());
            if (v != null && !v.isNull()) {
                check(member.getValue().path("shape").asText(), v, join(path, member.getKey()), errors);
            }
        }
    }

    private void list(JsonNode shape, JsonNode value, String path, List<String> errors) {
        if (!value.isArray()) {
            errors.add(at(path) + " must be a JSON array");
            return;
        }
        lengths(shape, value.size(), path, "length", errors);
        String item = shape.path("member").path("shape").asText();
        for (int i = 0; i < value.size(); i++) {
            check(item, value.get(i), path + "." + (i + 1) + ".member", errors);
        }
    }

    private void map(JsonNode shape, JsonNode value, String path, List<String> errors) {
        if (!value.isObject()) {
            errors.add(at(path) + " must be a JSON object");
            return;
        }
        lengths(shape, value.size(), path, "length", errors);
        String keyShape = shape.path("key").path("shape").asText();
        String valueShape = shape.path("value").path("shape").asText();
        Iterator<Map.Entry<String, JsonNode>> entries = value.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> e = entries.next();
            check(keyShape, com.fasterxml.jackson.databind.node.TextNode.valueOf(e.getKey()), path + ".key", errors);
            check(valueShape, e.getValue(), path + "." + e.getKey(), errors);
        }
    }

    private void string(String shapeName, JsonNode shape, JsonNode value, String path, List<String> errors) {
        if (!value.isTextual()) {
            errors.add(at(path) + " must be a string");
            return;
        }
        String s = value.asText();
        boolean sensitive = shape.path("sensitive").asBoolean(false);
        String shown = sensitive ? "Value" : "Value '" + s + "'";
        if (shape.has("enum")) {
            List<String> allowed = new ArrayList<>();
            shape.path("enum").forEach(e -> allowed.add(e.asText()));
            if (!allowed.contains(s)) {
                errors.add(shown + " at '" + path + "' failed to satisfy constraint: Member must satisfy enum value set: "
                        + allowed);
            }
            return;
        }
        int length = s.codePointCount(0, s.length());
        if (shape.has("min") && length < shape.get("min").asInt()) {
            errors.add(shown + " at '" + path + "' failed to satisfy constraint: Member must have length greater than or"
                    + " equal to " + shape.get("min").asInt());
        } else if (shape.has("max") && length > shape.get("max").asInt()) {
            errors.add(shown + " at '" + path + "' failed to satisfy constraint: Member must have length less than or"
                    + " equal to " + shape.get("max").asInt());
        } else if (shape.has("pattern") && !matches(shapeName, shape.get("pattern").asText(), s)) {
            errors.add(shown + " at '" + path + "' failed to satisfy constraint: Member must satisfy regular"
                    + " expression pattern: " + shape.get("pattern").asText()
                    + (WIDENED.containsKey(shapeName) ? " (or name an image in the platform registry, e.g."
                    + " 127.0.0.1:5000/app:latest)" : ""));
        }
    }

    /** JSON carries a blob as base64 text; its length rules count the decoded bytes. */
    private static void blob(JsonNode shape, JsonNode value, String path, List<String> errors) {
        if (!value.isTextual()) {
            errors.add(at(path) + " must be a base64-encoded string");
            return;
        }
        try {
            lengths(shape, Base64.getDecoder().decode(value.textValue()).length, path, "length", errors);
        } catch (IllegalArgumentException e) {
            errors.add(at(path) + " must be a base64-encoded string");
        }
    }

    private void integer(JsonNode shape, JsonNode value, String path, List<String> errors) {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            errors.add(at(path) + " must be a whole number");
            return;
        }
        lengths(shape, value.asLong(), path, "value", errors);
    }

    private static void lengths(JsonNode shape, long n, String path, String what, List<String> errors) {
        if (shape.has("min") && n < shape.get("min").asLong()) {
            errors.add("Value " + (what.equals("value") ? n + " " : "") + "at '" + path + "' failed to satisfy constraint:"
                    + " Member must have " + what + " greater than or equal to " + shape.get("min").asLong());
        } else if (shape.has("max") && n > shape.get("max").asLong()) {
            errors.add("Value " + (what.equals("value") ? n + " " : "") + "at '" + path + "' failed to satisfy constraint:"
                    + " Member must have " + what + " less than or equal to " + shape.get("max").asLong());
        }
    }

    private boolean matches(String shapeName, String pattern, String s) {
        Pattern p = patterns.computeIfAbsent(pattern, Pattern::compile);
        if (p.matcher(s).matches()) {
            return true;
        }
        Pattern widened = WIDENED.get(shapeName);
        return widened != null && widened.matcher(s).matches();
    }

    private static String at(String path) {
        return "Value at '" + (path.isEmpty() ? "(request)" : path) + "'";
    }

    /** AWS names members in validation messages in camelCase: {@code sourceConfiguration.imageRepository}. */
    private static String join(String path, String member) {
        String camel = Character.toLowerCase(member.charAt(0)) + member.substring(1);
        return path.isEmpty() ? camel : path + "." + camel;
    }
}
