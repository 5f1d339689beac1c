package dev.runway.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.wire.Json;
import dev.runway.gateway.protocol.RequestJson;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One API call as a CloudTrail record (SPEC.md §13): who (the access key whose SigV4 signature
 * the gateway verified; none for an unsigned or refused call), from where, which operation, with which parameters (camelCase copies,
 * secrets hidden), and how it ended. Pure.
 *
 * <p>Hidden (value replaced by {@code HIDDEN_DUE_TO_SECURITY_REASONS}): the whole value of
 * {@code runtimeEnvironmentVariables}, {@code runtimeEnvironmentSecrets}, {@code buildCommand},
 * {@code startCommand} (as App Runner's CloudTrail does) and of {@code headerParameters} (webhook
 * auth), plus any member whose name says it holds a secret (password, secret, token,
 * credential, apikey, authorization). For the APIs that store values (SSM Parameter Store,
 * Secrets Manager; docs/secrets.md) every {@code value}, {@code secretString} and
 * {@code secretBinary} at any depth, whatever its case, and the message of a body refused as
 * unreadable (a JSON parser's message may quote the body). A top-level {@code value} is hidden
 * for every API, so a parameter sent with a mistyped target is not kept either: no other API
 * Runway serves has such a member.
 */
public final class AuditRecords {

    public static final String HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";

    static final Set<String> HIDDEN_MEMBERS = Set.of("runtimeEnvironmentVariables", "runtimeEnvironmentSecrets",
            "buildCommand", "startCommand", "headerParameters");
    static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|passwd|secret|token|credential|api[-_]?key|authorization|private[-_]?key).*");
    /** The event sources of the APIs whose requests carry values. */
    static final Set<String> VALUE_SOURCES = Set.of("ssm.amazonaws.com", "secretsmanager.amazonaws.com");
    /** Their value members, as camelCase records name them (SSM's Value, Secrets Manager's SecretString and SecretBinary). */
    static final Set<String> VALUE_MEMBERS = Set.of("value", "secretstring", "secretbinary");

    /** What the gateway knows about one call. */
    public record Call(String requestId, Instant time, String eventSource, String eventName, String accessKeyId,
            String sourceIp, String userAgent, JsonNode input, int status, String errorCode, String errorMessage,
            String region, String accountId) {
    }

    public static ObjectNode record(Call call) {
        String accessKey = call.accessKeyId();
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("eventVersion", "1.08");
        ObjectNode who = r.putObject("userIdentity");
        who.put("type", accessKey == null ? "Unknown" : "IAMUser");
        who.put("principalId", accessKey == null ? "anonymous" : accessKey);
        who.put("arn", "arn:aws:iam::" + call.accountId() + ":user/" + (accessKey == null ? "anonymous" : accessKey));
        who.put("accountId", call.accountId());
        if (accessKey != null) {
            who.put("accessKeyId", accessKey);
        }
        who.put("userName", accessKey == null ? "anonymous" : accessKey);
        r.put("eventTime", call.time().truncatedTo(ChronoUnit.SECONDS).toString());
        r.put("eventSource", call.eventSource());
        r.put("eventName", call.eventName());
        r.put("awsRegion", call.region());
        r.put("sourceIPAddress", call.sourceIp());
        r.put("userAgent", call.userAgent());
        boolean holdsValues = VALUE_SOURCES.contains(call.eventSource());
        r.set("requestParameters", call.input() == null ? null : redact(camelCase(call.input()), holdsValues, true));
        r.putNull("responseElements");
        if (call.errorCode() != null) {
            r.put("errorCode", call.errorCode());
            r.put("errorMessage", holdsValues && call.errorCode().equals("SerializationException") ? HIDDEN
                    : call.errorMessage());
        }
        r.put("requestID", call.requestId());
        r.put("eventID", java.util.UUID.nameUUIDFromBytes(("audit:" + call.requestId()).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
        r.put("readOnly", isReadOnly(call.eventName()));
        r.put("eventType", "AwsApiCall");
        r.put("managementEvent", true);
        r.put("recipientAccountId", call.accountId());
        // nearly every record holds nothing to escape: it is kept as built, without a copy
        return RequestJson.holdsForbidden(r) ? (ObjectNode) storable(r) : r;
    }

    /**
     * The record with every string and member name that holds U+0000 or a lone surrogate written
     * with that character escaped ({@link RequestJson#escapeForbidden}): a refused call is recorded
     * as it was sent, in a form Kafka's UTF-8 and PostgreSQL's jsonb both take.
     */
    static JsonNode storable(JsonNode node) {
        if (node.isTextual()) {
            String text = node.textValue();
            return RequestJson.forbiddenCharAt(text) < 0 ? node : Json.MAPPER.getNodeFactory().textNode(RequestJson.escapeForbidden(text));
        }
        if (node.isArray()) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            node.forEach(element -> out.add(storable(element)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = Json.MAPPER.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                out.set(RequestJson.escapeForbidden(field.getKey()), storable(field.getValue()));
            }
            return out;
        }
        return node;
    }

    /** The largest request whose parameters an audit record keeps (CloudTrail omits large ones too). */
    static final int MAX_RECORDED_BODY_CHARS = 100 * 1024;

    /**
     * The call's record as it goes on {@code runway.audit}. Its request parameters are left out
     * when they make it larger than {@link #MAX_RECORDED_BODY_CHARS}: the record itself must fit
     * on the topic. Serialized once, twice only for such a call.
     */
    public static String json(Call call) {
        ObjectNode record = record(call);
        String json = record.toString();
        if (json.length() > MAX_RECORDED_BODY_CHARS && !record.path("requestParameters").isNull()) {
            json = record.putNull("requestParameters").toString();
        }
        return json;
    }

    /**
     * A refused call's body as request parameters: a JSON object (an empty body is an empty
     * object), or null when the text is not one, is larger than {@link #MAX_RECORDED_BODY_CHARS}
     * or nested deeper than {@link RequestJson#MAX_DEPTH}. Such a body is left out rather than kept:
     * a record too large for Kafka would be lost, and one nested too deep could not be read back.
     */
    public static JsonNode objectOrNull(String text) {
        if (text == null || text.isBlank()) {
            return Json.MAPPER.createObjectNode();
        }
        if (text.length() > MAX_RECORDED_BODY_CHARS) {
            return null;
        }
        try {
            JsonNode node = RequestJson.boundedTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    static boolean isReadOnly(String operation) {
        return operation != null && (operation.startsWith("Describe") || operation.startsWith("List")
                || operation.startsWith("Get") || operation.startsWith("Lookup") || operation.startsWith("Test"));
    }

    /** AWS's camelCase copy of an API shape: each member name with its first letter lowered. */
    static JsonNode camelCase(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = Json.MAPPER.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey().isEmpty() ? e.getKey()
                        : Character.toLowerCase(e.getKey().charAt(0)) + e.getKey().substring(1);
                out.set(key, camelCase(e.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            node.forEach(n -> out.add(camelCase(n)));
            return out;
        }
        return node;
    }

    /** {@code node} with hidden members; {@code values}: the call is to an API that stores values. */
    static JsonNode redact(JsonNode node, boolean values, boolean topLevel) {
        if (node.isObject()) {
            ObjectNode out = Json.MAPPER.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                String lower = key.toLowerCase(Locale.ROOT);
                boolean hidden = HIDDEN_MEMBERS.contains(key)
                        || (SECRET_NAME.matcher(key).matches() && !key.equals("nextToken"))
                        || (values && VALUE_MEMBERS.contains(lower)) || (topLevel && lower.equals("value"));
                out.set(key, hidden ? Json.MAPPER.getNodeFactory().textNode(HIDDEN) : redact(e.getValue(), values, false));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            node.forEach(n -> out.add(redact(n, values, false)));
            return out;
        }
        return node;
    }

    private AuditRecords() {
    }
}
