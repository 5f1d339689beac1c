package dev.runway.gateway.revisions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.query.RevisionRecord;
import dev.runway.events.wire.Json;
import dev.runway.gateway.protocol.ApiError;
import dev.runway.gateway.registry.RegistryClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/** Runway.ListRevisions and Runway.DescribeTraffic: reads of a service's revisions from the registry. */
@ApplicationScoped
public class RevisionOperations {

    /** App Runner's service ARN (the model's AppRunnerResourceArn, narrowed to services). */
    static final Pattern SERVICE_ARN = Pattern.compile(
            "arn:[a-z0-9-]+:apprunner:[a-z0-9-]+:[0-9]{12}:service/[A-Za-z0-9][A-Za-z0-9-_]{3,39}/[0-9a-f]{32}");

    static final int MAX_RESULTS = 100;

    private final RegistryClient registry;

    public RevisionOperations(RegistryClient registry) {
        this.registry = registry;
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
        revisions.stream().filter(r -> r.trafficPercent() > 0)
                .forEach(r -> traffic.addObject().put("Revision", r.revision()).put("Percent", r.trafficPercent()));
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
