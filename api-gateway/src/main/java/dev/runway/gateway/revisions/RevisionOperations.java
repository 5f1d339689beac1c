package dev.runway.gateway.revisions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.command.UpdateTraffic;
import dev.runway.events.query.RevisionRecord;
import dev.runway.events.reply.CommandRejected;
import dev.runway.events.reply.Reply;
import dev.runway.gateway.messaging.CommandBus;
import dev.runway.events.wire.Json;
import dev.runway.gateway.protocol.ApiError;
import dev.runway.gateway.registry.RegistryClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Runway.ListRevisions and Runway.DescribeTraffic (reads of a service's revisions from the registry)
 * and Runway.UpdateTraffic (a command to the registry, like App Runner's own operations).
 */
@ApplicationScoped
public class RevisionOperations {

    /** App Runner's service ARN (the model's AppRunnerResourceArn, narrowed to services). */
    static final Pattern SERVICE_ARN = Pattern.compile(
            "arn:[a-z0-9-]+:apprunner:[a-z0-9-]+:[0-9]{12}:service/[A-Za-z0-9][A-Za-z0-9-_]{3,39}/[0-9a-f]{32}");

    static final int MAX_RESULTS = 100;

    /** The most entries a split takes: more than any service keeps revisions. */
    static final int MAX_TRAFFIC_ENTRIES = 20;

    private final RegistryClient registry;
    private final CommandBus bus;

    public RevisionOperations(RegistryClient registry, CommandBus bus) {
        this.registry = registry;
        this.bus = bus;
    }

    /**
     * Divides the service's requests between its revisions and tags revisions: the shape is checked
     * here, the split against the service's revisions by the registry (which refuses naming the
     * member, and changes nothing then). An operation in ListOperations, answered with its id.
     */
    JsonNode updateTraffic(JsonNode input) {
        String arn = serviceArn(input);
        List<UpdateTraffic.Target> traffic = traffic(input.get("Traffic"));
        revisions(arn); // 404 for an unknown service, before a command is sent
        UUID operationId = UUID.randomUUID();
        Reply reply = bus.send(new UpdateTraffic(arn, operationId, traffic), operationId, "Runway.UpdateTraffic");
        if (reply instanceof CommandRejected rejected) {
            throw ApiError.of(rejected.errorType(), rejected.message());
        }
        return Json.MAPPER.createObjectNode().put("ServiceArn", arn).put("OperationId", operationId.toString());
    }

    /** {@code Traffic}: [{Revision: LATEST or a number, Percent: 0–100, Tag: a DNS label (optional)}]. */
    static List<UpdateTraffic.Target> traffic(JsonNode traffic) {
        if (traffic == null || traffic.isNull() || !traffic.isArray() || traffic.isEmpty()) {
            throw ApiError.invalidRequest("Traffic is required: a list of {\"Revision\": \"LATEST\" or a revision"
                    + " number, \"Percent\": 0–100, \"Tag\": a DNS label (optional)} whose percentages sum to 100.");
        }
        if (traffic.size() > MAX_TRAFFIC_ENTRIES) {
            throw ApiError.invalidRequest("Traffic has " + traffic.size() + " entries; it takes at most "
                    + MAX_TRAFFIC_ENTRIES + ".");
        }
        List<UpdateTraffic.Target> out = new ArrayList<>();
        for (int i = 0; i < traffic.size(); i++) {
            JsonNode entry = traffic.get(i);
            String at = "Traffic[" + i + "]";
            if (!entry.isObject()) {
                throw ApiError.invalidRequest(at + " must be an object {Revision, Percent, Tag}.");
            }
            JsonNode revision = entry.get("Revision");
            String rev;
            if (revision != null && revision.isInt() && revision.asInt() > 0) {
                rev = Integer.toString(revision.asInt());
            } else if (revision != null && revision.isTextual() && (revision.asText().equals("LATEST")
                    || revision.asText().matches("[1-9][0-9]{0,8}"))) {
                rev = revision.asText();
            } else {
                throw ApiError.invalidRequest(at + ".Revision must be LATEST or a revision number"
                        + " (Runway.ListRevisions lists them).");
            }
            JsonNode percent = entry.get("Percent");
            if (percent != null && !percent.isNull() && (!percent.isInt() || percent.asInt() < 0
                    || percent.asInt() > 100)) {
                throw ApiError.invalidRequest(at + ".Percent must be a whole number from 0 to 100.");
            }
            JsonNode tag = entry.get("Tag");
            if (tag != null && !tag.isNull() && !tag.isTextual()) {
                throw ApiError.invalidRequest(at + ".Tag must be a string: a DNS label.");
            }
            out.add(new UpdateTraffic.Target(rev, percent == null || percent.isNull() ? null : percent.asInt(),
                    tag == null || tag.isNull() ? null : tag.asText()));
        }
        return out;
    }

    /** The service's revisions, newest first: at most MaxResults (1–100, 100 when left out). */
    JsonNode listRevisions(JsonNode input) {
        String arn = serviceArn(input);
        int max = maxResults(input);
        List<RevisionRecord> revisions = revisions(arn);
        ObjectNode out = Json.MAPPER.createObjectNode().put("ServiceArn", arn);
        ArrayNode list = out.putArray("Revisions");
        revisions.stream().limit(max).forEach(r -> list.add(revision(r)));
        return out;
    }

    /** Where the service's requests go: each revision with traffic and its share. */
    JsonNode describeTraffic(JsonNode input) {
        String arn = serviceArn(input);
        List<RevisionRecord> revisions = revisions(arn);
        ObjectNode out = Json.MAPPER.createObjectNode().put("ServiceArn", arn);
        ArrayNode traffic = out.putArray("Traffic");
        revisions.stream().filter(r -> r.trafficPercent() > 0 || r.tag() != null).forEach(r -> {
            ObjectNode entry = traffic.addObject().put("Revision", r.revision()).put("Percent", r.trafficPercent());
            if (r.tag() != null) {
                entry.put("Tag", r.tag());
            }
        });
        return out;
    }

    private List<RevisionRecord> revisions(String arn) {
        return registry.revisions(arn).orElseThrow(() -> ApiError.notFound("No service exists with ARN " + arn
                + ". list-services shows the services in this account and region."));
    }

    static ObjectNode revision(RevisionRecord r) {
        ObjectNode o = Json.MAPPER.createObjectNode().put("Revision", r.revision());
        if (r.imageIdentifier() != null) {
            o.put("ImageIdentifier", r.imageIdentifier());
        }
        o.put("Status", r.status()).put("TrafficPercent", r.trafficPercent());
        if (r.tag() != null) {
            o.put("Tag", r.tag());
        }
        if (r.statusMessage() != null) {
            o.put("StatusMessage", r.statusMessage());
        }
        putTime(o, "DeployedAt", r.deployedAt());
        putTime(o, "ActivatedAt", r.activatedAt());
        return o;
    }

    private static void putTime(ObjectNode o, String name, Instant t) {
        if (t != null) {
            o.put(name, t.toEpochMilli() / 1000.0);
        }
    }

    static String serviceArn(JsonNode input) {
        JsonNode arn = input.get("ServiceArn");
        if (arn == null || arn.isNull()) {
            throw ApiError.invalidRequest("ServiceArn is required: the ARN of the service, as create-service or"
                    + " list-services answers it.");
        }
        if (!arn.isTextual() || !SERVICE_ARN.matcher(arn.asText()).matches()) {
            throw ApiError.invalidRequest("ServiceArn must be a service's ARN (arn:aws:apprunner:<region>:<account>:"
                    + "service/<name>/<id>), as create-service or list-services answers it.");
        }
        return arn.asText();
    }

    static int maxResults(JsonNode input) {
        JsonNode max = input.get("MaxResults");
        if (max == null || max.isNull()) {
            return MAX_RESULTS;
        }
        if (!max.isInt() || max.asInt() < 1 || max.asInt() > MAX_RESULTS) {
            throw ApiError.invalidRequest("MaxResults must be a whole number from 1 to " + MAX_RESULTS + ".");
        }
        return max.asInt();
    }
}
