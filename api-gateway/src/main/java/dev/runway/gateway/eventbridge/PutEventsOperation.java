package dev.runway.gateway.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.Topics;
import dev.runway.events.publicfeed.PublicEvents;
import dev.runway.events.wire.Json;
import dev.runway.gateway.config.GatewayConfig;
import dev.runway.gateway.feed.FeedProducer;
import dev.runway.gateway.protocol.ApiError;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * PutEvents on the default bus: custom events join the public feed ({@code runway.public-events})
 * and meet the same rules as App Runner's. Sources starting with {@code aws.} are refused: only
 * Runway itself speaks for {@code aws.apprunner}.
 */
@ApplicationScoped
public class PutEventsOperation {

    /** EventBridge's limit on a PutEvents request's entries, in its own size accounting. */
    static final int MAX_REQUEST_BYTES = 256 * 1024;

    private final GatewayConfig config;
    private final FeedProducer producer;

    public PutEventsOperation(GatewayConfig config, FeedProducer producer) {
        this.config = config;
        this.producer = producer;
    }

    JsonNode putEvents(JsonNode input) {
        JsonNode entries = input.path("Entries");
        if (!entries.isArray() || entries.isEmpty() || entries.size() > 10) {
            throw RuleOperations.validation("1 validation error detected: Value at 'entries' failed to satisfy"
                    + " constraint: Member must have length between 1 and 10");
        }
        long size = 0;
        for (JsonNode e : entries) {
            size += entrySize(e);
        }
        if (size > MAX_REQUEST_BYTES) {
            throw RuleOperations.validation("Total size of the entries in the request is over the limit: " + size
                    + " bytes of " + MAX_REQUEST_BYTES + " allowed.");
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode results = Json.MAPPER.createArrayNode();
        List<FeedProducer.Out> records = new ArrayList<>();
        int failed = 0;
        for (JsonNode e : entries) {
            String problem = problem(e);
            if (problem != null) {
                failed++;
                results.addObject().put("ErrorCode", problem.startsWith("Detail") ? "MalformedDetail" : "InvalidArgument")
                        .put("ErrorMessage", problem);
                continue;
            }
            String id = UUID.randomUUID().toString();
            List<String> resources = new ArrayList<>();
            e.path("Resources").forEach(r -> resources.add(r.asText()));
            Instant time = e.hasNonNull("Time") ? Instant.ofEpochMilli((long) (e.path("Time").asDouble() * 1000)) : Instant.now();
            ObjectNode detail;
            try {
                detail = (ObjectNode) Json.MAPPER.readTree(e.path("Detail").asText());
            } catch (java.io.IOException | ClassCastException ex) {
                throw new IllegalStateException("checked above", ex);
            }
            ObjectNode event = PublicEvents.custom(id, e.path("Source").asText(), e.path("DetailType").asText(), detail,
                    time, config.accountId(), config.region(), resources);
            String key = resources.isEmpty() ? e.path("Source").asText() : resources.get(0);
            records.add(new FeedProducer.Out(Topics.PUBLIC_EVENTS, key, event.toString()));
            results.addObject().put("EventId", id);
        }
        try {
            producer.sendAll(records, Duration.ofSeconds(10));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
            throw ApiError.withStatus("InternalException", 500, "Runway could not write the events to its event feed: "
                    + ex.getMessage());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw ApiError.withStatus("InternalException", 500, "Interrupted while writing the events");
        }
        out.put("FailedEntryCount", failed);
        out.set("Entries", results);
        return out;
    }

    /** Why an entry cannot be put, in EventBridge's words, or null. */
    static String problem(JsonNode e) {
        String source = e.path("Source").asText("");
        if (source.isEmpty()) {
            return "Parameter Source is not valid. Reason: Source is a required argument.";
        }
        if (source.startsWith("aws.")) {
            return "Parameter Source is not valid. Reason: sources starting with 'aws.' are reserved"
                    + " (Runway publishes aws.apprunner itself).";
        }
        if (e.path("DetailType").asText("").isEmpty()) {
            return "Parameter DetailType is not valid. Reason: DetailType is a required argument.";
        }
        String detail = e.path("Detail").asText("");
        if (detail.isEmpty()) {
            return "Parameter Detail is not valid. Reason: Detail is a required argument.";
        }
        try {
            JsonNode tree = Json.MAPPER.readTree(detail);
            if (tree == null || !tree.isObject()) {
                return "Detail is malformed: it must be a JSON object.";
            }
        } catch (java.io.IOException ex) {
            return "Detail is malformed: it is not valid JSON.";
        }
        String bus = e.path("EventBusName").asText("default");
        if (!bus.equals("default") && !bus.endsWith(":event-bus/default")) {
            return "Parameter EventBusName is not valid. Reason: Runway has only the default event bus.";
        }
        return null;
    }

    /** EventBridge's size of an entry: 14 bytes for the time, plus Source, DetailType, Detail, Resources in UTF-8. */
    static long entrySize(JsonNode e) {
        long size = e.hasNonNull("Time") ? 14 : 0;
        size += utf8(e.path("Source").asText(""));
        size += utf8(e.path("DetailType").asText(""));
        size += utf8(e.path("Detail").asText(""));
        for (JsonNode r : e.path("Resources")) {
            size += utf8(r.asText());
        }
        return size;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
