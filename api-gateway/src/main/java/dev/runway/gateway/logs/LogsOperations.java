package dev.runway.gateway.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.wire.Json;
import dev.runway.gateway.config.GatewayConfig;
import dev.runway.gateway.protocol.ApiError;
import dev.runway.gateway.registry.RegistryClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch Logs' reads over the registry's log store: DescribeLogGroups, DescribeLogStreams,
 * GetLogEvents and FilterLogEvents, with CloudWatch's limits, tokens and error types, so
 * {@code aws logs ... --endpoint-url} works on App Runner's log groups
 * ({@code /aws/apprunner/<name>/<id>/service} and {@code /application}).
 */
@ApplicationScoped
public class LogsOperations {

    /** How many lines one FilterLogEvents call reads at most before it answers with a nextToken. */
    static final int FILTER_SCAN = 10_000;

    private final RegistryClient registry;
    private final GatewayConfig config;

    public LogsOperations(RegistryClient registry, GatewayConfig config) {
        this.registry = registry;
        this.config = config;
    }

    JsonNode describeLogGroups(JsonNode in) {
        int limit = limit(in, 50, 50);
        String after = in.hasNonNull("nextToken") ? token(in, "groups:") : "";
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("prefix", in.path("logGroupNamePrefix").asText(""));
        q.put("after", after);
        q.put("limit", limit);
        JsonNode page = registry.logs("groups", q).orElseThrow();
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode groups = out.putArray("logGroups");
        String last = null;
        for (JsonNode g : page.path("groups")) {
            last = g.path("name").asText();
            String arn = "arn:" + config.partition() + ":logs:" + config.region() + ":" + config.accountId()
                    + ":log-group:" + last;
            groups.addObject().put("logGroupName", last).put("creationTime", g.path("created").asLong())
                    .put("retentionInDays", page.path("retentionDays").asInt()).put("metricFilterCount", 0)
                    .put("arn", arn + ":*").put("storedBytes", g.path("storedBytes").asLong())
                    .put("logGroupClass", "STANDARD").put("logGroupArn", arn);
        }
        if (page.path("more").asBoolean() && last != null) {
            out.put("nextToken", encode("groups:" + last));
        }
        return out;
    }

    JsonNode describeLogStreams(JsonNode in) {
        String group = group(in);
        int limit = limit(in, 50, 50);
        String orderBy = in.path("orderBy").asText("LogStreamName");
        if (!orderBy.equals("LogStreamName") && !orderBy.equals("LastEventTime")) {
            throw invalid("orderBy must be LogStreamName or LastEventTime, not '" + orderBy + "'.");
        }
        String prefix = in.path("logStreamNamePrefix").asText("");
        if (orderBy.equals("LastEventTime") && !prefix.isEmpty()) {
            throw invalid("Cannot order by LastEventTime with a logStreamNamePrefix.");
        }
        int offset = in.hasNonNull("nextToken") ? number(token(in, "streams:")) : 0;
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("group", group);
        q.put("prefix", prefix);
        q.put("byLastEvent", orderBy.equals("LastEventTime"));
        q.put("descending", in.path("descending").asBoolean(false));
        q.put("offset", offset);
        q.put("limit", limit);
        JsonNode page = registry.logs("streams", q).orElseThrow(LogsOperations::noGroup);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode streams = out.putArray("logStreams");
        for (JsonNode s : page.path("streams")) {
            streams.addObject().put("logStreamName", s.path("name").asText())
                    .put("creationTime", s.path("created").asLong())
                    .put("firstEventTimestamp", s.path("first").asLong())
                    .put("lastEventTimestamp", s.path("last").asLong())
                    .put("lastIngestionTime", s.path("lastIngestion").asLong())
                    .put("arn", "arn:" + config.partition() + ":logs:" + config.region() + ":" + config.accountId()
                            + ":log-group:" + group + ":log-stream:" + s.path("name").asText())
                    .put("storedBytes", s.path("storedBytes").asLong());
        }
        if (page.path("more").asBoolean()) {
            out.put("nextToken", encode("streams:" + (offset + limit)));
        }
        return out;
    }

    JsonNode getLogEvents(JsonNode in) {
        String group = group(in);
        String stream = required(in, "logStreamName");
        int limit = limit(in, 10_000, 10_000);
        Long start = time(in, "startTime");
        Long end = time(in, "endTime");
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("group", group);
        q.put("stream", stream);
        q.put("start", start);
        q.put("end", end);
        q.put("limit", limit);
        String token = in.path("nextToken").asText(null);
        Long after = null;
        Long before = null;
        if (token != null) {
            if (token.matches("f/\\d{1,18}")) {
                after = Long.parseLong(token.substring(2));
            } else if (token.matches("b/\\d{1,18}")) {
                before = Long.parseLong(token.substring(2));
            } else {
                throw invalid("The specified nextToken is not valid: pass nextForwardToken or nextBackwardToken"
                        + " of an earlier GetLogEvents answer for this stream.");
            }
        }
        q.put("after", after);
        q.put("before", before);
        q.put("head", in.path("startFromHead").asBoolean(false));
        JsonNode page = registry.logs("events", q).orElseThrow(() -> notFound(group, "log stream", stream));
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode events = out.putArray("events");
        for (JsonNode e : page.path("events")) {
            events.addObject().put("timestamp", e.path("timestamp").asLong()).put("message", e.path("message").asText())
                    .put("ingestionTime", e.path("ingestionTime").asLong());
        }
        JsonNode lines = page.path("events");
        if (lines.size() > 0) {
            out.put("nextForwardToken", "f/" + lines.get(lines.size() - 1).path("id").asLong());
            out.put("nextBackwardToken", "b/" + lines.get(0).path("id").asLong());
        } else if (after != null) {
            // nothing new: CloudWatch answers the same forward token, so a follower asks again
            out.put("nextForwardToken", token);
            out.put("nextBackwardToken", "b/" + (after + 1));
        } else if (before != null) {
            out.put("nextForwardToken", "f/" + Math.max(0, before - 1));
            out.put("nextBackwardToken", token);
        } else {
            out.put("nextForwardToken", "f/0");
            out.put("nextBackwardToken", "b/1");
        }
        return out;
    }

    JsonNode filterLogEvents(JsonNode in) {
        String group = group(in);
        int limit = limit(in, 10_000, 10_000);
        List<String> names = new ArrayList<>();
        in.path("logStreamNames").forEach(n -> names.add(n.asText()));
        String prefix = in.path("logStreamNamePrefix").asText("");
        if (!names.isEmpty() && !prefix.isEmpty()) {
            throw invalid("logStreamNames and logStreamNamePrefix cannot both be given.");
        }
        if (names.size() > 100) {
            throw invalid("logStreamNames takes at most 100 names.");
        }
        FilterPattern pattern;
        try {
            pattern = FilterPattern.parse(in.path("filterPattern").asText(""));
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        long after = in.hasNonNull("nextToken") ? number(token(in, "filter:")) : 0;
        Long start = time(in, "startTime");
        Long end = time(in, "endTime");
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode events = out.putArray("events");
        java.util.Set<String> searched = new java.util.TreeSet<>();
        int scanned = 0;
        boolean more = true;
        while (more && events.size() < limit && scanned < FILTER_SCAN) {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("group", group);
            q.put("stream", names);
            q.put("streamPrefix", prefix);
            q.put("start", start);
            q.put("end", end);
            q.put("after", after);
            q.put("limit", 1000);
            JsonNode page = registry.logs("scan", q).orElseThrow(LogsOperations::noGroup);
            JsonNode lines = page.path("events");
            more = page.path("more").asBoolean();
            for (int i = 0; i < lines.size(); i++) {
                JsonNode e = lines.get(i);
                scanned++;
                after = e.path("id").asLong();
                searched.add(e.path("stream").asText());
                if (pattern.matches(e.path("message").asText())) {
                    events.addObject().put("logStreamName", e.path("stream").asText())
                            .put("timestamp", e.path("timestamp").asLong()).put("message", e.path("message").asText())
                            .put("ingestionTime", e.path("ingestionTime").asLong())
                            .put("eventId", Long.toString(e.path("id").asLong()));
                    if (events.size() == limit) {
                        // lines after this one, in this page or the next, are for the next call
                        more = more || i < lines.size() - 1;
                        break;
                    }
                }
            }
        }
        ArrayNode streams = out.putArray("searchedLogStreams");
        searched.forEach(s -> streams.addObject().put("logStreamName", s).put("searchedCompletely", true));
        if (more) {
            out.put("nextToken", encode("filter:" + after));
        }
        return out;
    }

    private static String group(JsonNode in) {
        String group = in.path("logGroupName").asText(null);
        if (group == null && in.hasNonNull("logGroupIdentifier")) {
            group = in.path("logGroupIdentifier").asText();
            int at = group.indexOf(":log-group:");
            if (at >= 0) {
                group = group.substring(at + ":log-group:".length()).replaceAll(":\\*$", "");
            }
        }
        if (group == null || group.isEmpty()) {
            throw invalid("logGroupName is required.");
        }
        return group;
    }

    private static String required(JsonNode in, String member) {
        String v = in.path(member).asText("");
        if (v.isEmpty()) {
            throw invalid(member + " is required.");
        }
        return v;
    }

    private static int limit(JsonNode in, int max, int otherwise) {
        if (!in.has("limit") || in.get("limit").isNull()) {
            return otherwise;
        }
        JsonNode l = in.get("limit");
        if (!l.canConvertToInt() || l.asInt() < 1 || l.asInt() > max) {
            throw invalid("limit must be between 1 and " + max + ", not " + l + ".");
        }
        return l.asInt();
    }

    private static Long time(JsonNode in, String member) {
        JsonNode t = in.get(member);
        if (t == null || t.isNull()) {
            return null;
        }
        if (!t.canConvertToLong() || t.asLong() < 0) {
            throw invalid(member + " must be milliseconds since 1970-01-01 UTC, not " + t + ".");
        }
        return t.asLong();
    }

    private static String token(JsonNode in, String kind) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(in.path("nextToken").asText()),
                    StandardCharsets.UTF_8);
            if (decoded.startsWith(kind)) {
                return decoded.substring(kind.length());
            }
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw invalid("The specified nextToken is not valid: pass the nextToken of an earlier answer to the same"
                + " operation.");
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw invalid("The specified nextToken is not valid.");
        }
    }

    private static String encode(String token) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }

    private static ApiError noGroup() {
        return ApiError.withStatus("ResourceNotFoundException", 400, "The specified log group does not exist.");
    }

    private static ApiError notFound(String group, String what, String name) {
        return ApiError.withStatus("ResourceNotFoundException", 400, "The specified " + what + " does not exist: "
                + name + " in " + group + ".");
    }

    static ApiError invalid(String message) {
        return ApiError.withStatus("InvalidParameterException", 400, message);
    }
}
