package dev.runway.gateway.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.model.Tag;
import dev.runway.events.query.Page;
import dev.runway.events.wire.Json;
import dev.runway.gateway.service.PageTokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Small conversions every account-resource operation uses. */
public final class Shapes {

    /** App Runner timestamps: epoch seconds, fractional. */
    public static void time(ObjectNode node, String member, Instant t) {
        if (t != null) {
            node.put(member, t.toEpochMilli() / 1000.0);
        }
    }

    /** {@code Tags: [{Key, Value}]} of a request. */
    public static List<Tag> tags(JsonNode list) {
        List<Tag> tags = new ArrayList<>();
        for (JsonNode t : list) {
            tags.add(new Tag(t.path("Key").asText(), t.path("Value").asText("")));
        }
        return tags;
    }

    public static List<String> strings(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(s -> out.add(s.asText()));
        return out;
    }

    public static ArrayNode array(List<String> values) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        values.forEach(a::add);
        return a;
    }

    public static ObjectNode object() {
        return Json.MAPPER.createObjectNode();
    }

    /** One member holding a shaped value: {@code {"<member>": ...}}. */
    public static ObjectNode wrap(String member, ObjectNode value) {
        ObjectNode out = object();
        out.set(member, value);
        return out;
    }

    /** MaxResults, or the model's maximum when left out ("all results", within reason). */
    public static int maxResults(JsonNode input, int max) {
        return input.path("MaxResults").asInt(max);
    }

    /** The offset a request's NextToken stands for, checked against the list and filter it was issued for. */
    public static int offset(JsonNode input, String list) {
        return PageTokens.decode(list, input.path("NextToken").asText(null));
    }

    public static <T> ObjectNode page(String member, String list, Page<T> page, Function<T, ObjectNode> shape) {
        return PageTokens.output(member, list, page, shape);
    }

    public static String text(JsonNode node, String member) {
        JsonNode v = node.get(member);
        return v == null || v.isNull() ? null : v.asText();
    }

    private Shapes() {
    }
}
