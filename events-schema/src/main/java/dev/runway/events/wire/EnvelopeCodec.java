package dev.runway.events.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.Envelope;
import dev.runway.events.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Envelopes to and from JSON. The payload sits under {@code data}; {@code type} and
 * {@code schemaVersion} say how to read it.
 */
public final class EnvelopeCodec {

    /** The schema version this build writes for every type. Older versions would be upcast here. */
    public static final int CURRENT_SCHEMA_VERSION = 1;

    public static byte[] toBytes(Envelope envelope) {
        return toJson(envelope).getBytes(StandardCharsets.UTF_8);
    }

    public static String toJson(Envelope envelope) {
        try {
            return Json.MAPPER.writeValueAsString(toTree(envelope));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode toTree(Envelope envelope) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", envelope.id().toString());
        node.put("type", envelope.type());
        node.put("schemaVersion", envelope.schemaVersion());
        node.put("time", envelope.time().toString());
        node.put("source", envelope.source());
        node.put("resourceArn", envelope.resourceArn());
        if (envelope.causationId() != null) {
            node.put("causationId", envelope.causationId().toString());
        }
        if (envelope.correlationId() != null) {
            node.put("correlationId", envelope.correlationId().toString());
        }
        if (envelope.streamVersion() != null) {
            node.put("streamVersion", envelope.streamVersion());
        }
        node.set("data", Json.MAPPER.valueToTree(envelope.payload()));
        return node;
    }

    public static Envelope fromBytes(byte[] bytes) {
        try {
            return fromTree(Json.MAPPER.readTree(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("not a Runway envelope: " + e.getMessage(), e);
        }
    }

    public static Envelope fromJson(String json) {
        return fromBytes(json.getBytes(StandardCharsets.UTF_8));
    }

    public static Envelope fromTree(JsonNode node) {
        String type = node.path("type").asText();
        int schemaVersion = node.path("schemaVersion").asInt(1);
        if (schemaVersion != CURRENT_SCHEMA_VERSION) {
            throw new IllegalArgumentException("message type " + type + " has schema version " + schemaVersion
                    + ", this build reads version " + CURRENT_SCHEMA_VERSION);
        }
        Message payload = payload(type, node.path("data"));
        return new Envelope(
                UUID.fromString(node.path("id").asText()),
                type,
                schemaVersion,
                Instant.parse(node.path("time").asText()),
                node.path("source").asText(),
                node.path("resourceArn").asText(),
                uuidOrNull(node.get("causationId")),
                uuidOrNull(node.get("correlationId")),
                node.hasNonNull("streamVersion") ? node.get("streamVersion").asLong() : null,
                payload);
    }

    /** Reads just a payload of a known type (as stored in the event store's {@code data} column). */
    public static Message payload(String type, JsonNode data) {
        try {
            return Json.MAPPER.treeToValue(data, TypeRegistry.classOf(type));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot read a " + type + ": " + e.getOriginalMessage(), e);
        }
    }

    private static UUID uuidOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : UUID.fromString(node.asText());
    }

    private EnvelopeCodec() {
    }
}
