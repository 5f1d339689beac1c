package dev.runway.gateway.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.runway.events.model.EventTarget;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a target receives: the whole event, a constant {@code Input}, the part an
 * {@code InputPath} selects, or an {@code InputTransformer}'s template filled from its paths.
 * Paths are EventBridge's simple JSONPath: {@code $} or {@code $.a.b} (object members).
 */
public final class InputShaping {

    private static final Pattern PATH = Pattern.compile("\\$(\\.[A-Za-z0-9_\\-]+)*");

    static void checkPath(String path, String where) {
        if (path == null || !PATH.matcher(path).matches()) {
            throw RuleOperations.validation(where + " '" + path + "' is not a path Runway reads: use $ or $.member.member.");
        }
    }

    /** The body to POST for {@code event} to {@code target}. */
    public static String body(JsonNode event, EventTarget target) {
        if (target.input() != null) {
            return target.input();
        }
        if (target.inputPath() != null) {
            return select(event, target.inputPath()).toString();
        }
        if (target.inputTemplate() != null) {
            String out = target.inputTemplate();
            Map<String, String> paths = target.inputPathsMap() == null ? Map.of() : target.inputPathsMap();
            for (Map.Entry<String, String> e : paths.entrySet()) {
                JsonNode value = select(event, e.getValue());
                String text = value.isMissingNode() || value.isNull() ? "" : value.isTextual() ? value.asText() : value.toString();
                out = out.replace("<" + e.getKey() + ">", text);
            }
            return out;
        }
        return event.toString();
    }

    static JsonNode select(JsonNode event, String path) {
        JsonNode node = event;
        if (path.length() > 1) {
            for (String member : path.substring(2).split("\\.")) {
                node = node.path(member);
            }
        }
        return node == null ? MissingNode.getInstance() : node;
    }

    private InputShaping() {
    }
}
