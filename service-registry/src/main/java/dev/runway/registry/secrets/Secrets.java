package dev.runway.registry.secrets;

import static dev.runway.registry.secrets.SecretsApi.seconds;
import static dev.runway.registry.secrets.SecretsApi.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.model.Tag;
import dev.runway.events.secret.SecretEvent;
import dev.runway.events.wire.Json;
import dev.runway.registry.config.RegistryConfig;
import dev.runway.registry.secrets.SecretDecider.NewValue;
import dev.runway.registry.service.Rejection;
import dev.runway.registry.store.StreamWriter;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Secrets Manager's operations over the secret streams and their projection. Requests come from
 * the api-gateway already checked against the Secrets Manager model; answers are its output shapes.
 */
@ApplicationScoped
public class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] SUFFIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final StreamWriter writer;
    private final ValueSeal seal;
    private final String arnPrefix;

    public Secrets(StreamWriter writer, ValueSeal seal, RegistryConfig config) {
        this.writer = writer;
        this.seal = seal;
        this.arnPrefix = "arn:" + config.partition() + ":secretsmanager:" + config.region() + ":" + config.accountId()
                + ":secret:";
    }

    /** Answers one Secrets Manager operation; a {@link Rejection} carries its error type. */
    public JsonNode call(String operation, JsonNode in) throws Rejection {
        return switch (operation) {
            case "CreateSecret" -> create(in);
            case "GetSecretValue" -> getValue(in);
            case "PutSecretValue" -> putValue(in);
            case "UpdateSecret" -> update(in);
            case "DescribeSecret" -> describe(in);
            case "ListSecrets" -> list(in);
            case "DeleteSecret" -> delete(in);
            case "RestoreSecret" -> restore(in);
            case "TagResource" -> tag(in);
            case "UntagResource" -> untag(in);
            default -> throw new Rejection("InvalidRequestException", "Runway's Secrets Manager does not serve "
                    + ListPages.shown(operation) + ".");
        };
    }

    /** The value a secret's stage or version holds (AWSCURRENT when neither is given): for deploy-time resolution. */
    public String value(String secretId, String stage, String versionId) throws Rejection {
        SecretRow row = readable(secretId);
        return open(selected(row, empty(versionId) ? null : versionId, empty(stage) ? null : stage));
    }

    private JsonNode create(JsonNode in) throws Rejection {
        String name = in.path("Name").asText();
        SecretDecider.checkName(name);
        if (in.path("AddReplicaRegions").size() > 0) {
            throw new Rejection("InvalidParameterException", "Runway keeps secrets on this machine only: leave"
                    + " AddReplicaRegions out.");
        }
        String arn = arnPrefix + name + "-" + suffix();
        String versionId = versionId(in);
        NewValue value = newValue(in, arn, versionId, List.of(SecretDecider.CURRENT), false);
        List<Tag> tags = new ArrayList<>();
        in.path("Tags").forEach(t -> tags.add(new Tag(t.path("Key").asText(), t.path("Value").asText())));
        writer.write(arn, SecretEvent.class, SecretDecider.FOLD, state -> {
            SecretRow taken = SecretRow.find("name = ?1 and deleted = false", name).firstResult();
            if (taken != null) {
                throw taken.deletionDate != null
                        ? new Rejection("InvalidRequestException", "You can't create this secret because a secret with"
                                + " this name is already scheduled for deletion.")
                        : new Rejection("ResourceExistsException", "The operation failed because the secret " + name
                                + " already exists.");
            }
            return SecretDecider.create(state, arn, name, text(in, "Description"), text(in, "KmsKeyId"), tags, value,
                    Instant.now());
        });
        Log.infof("secret %s created", arn);
        ObjectNode out = Json.MAPPER.createObjectNode().put("ARN", arn).put("Name", name);
        return value == null ? out : out.put("VersionId", versionId);
    }

    private JsonNode getValue(JsonNode in) throws Rejection {
        SecretRow row = readable(in.path("SecretId").asText());
        SecretVersionRow v = selected(row, text(in, "VersionId"), text(in, "VersionStage"));
        ObjectNode out = Json.MAPPER.createObjectNode().put("ARN", row.secretArn).put("Name", row.name)
                .put("VersionId", v.versionId);
        out.put(v.binary ? "SecretBinary" : "SecretString", open(v));
        ArrayNode stages = out.putArray("VersionStages");
        SecretProjection.stages(v).forEach(stages::add);
        return out.put("CreatedDate", seconds(v.createdAt));
    }

    private JsonNode putValue(JsonNode in) throws Rejection {
        SecretRow row = found(in.path("SecretId").asText());
        List<String> stages = new ArrayList<>();
        in.path("VersionStages").forEach(s -> stages.add(s.asText()));
        String versionId = versionId(in);
        NewValue value = newValue(in, row.secretArn, versionId, stages.isEmpty() ? List.of(SecretDecider.CURRENT)
                : stages, true);
        write(row, state -> SecretDecider.putValue(state, row.secretArn, value, sameValue(row.secretArn, value),
                Instant.now()));
        ObjectNode out = Json.MAPPER.createObjectNode().put("ARN", row.secretArn).put("Name", row.name)
                .put("VersionId", versionId);
        ArrayNode labels = out.putArray("VersionStages");
        value.stages().forEach(labels::add);
        return out;
    }

    private JsonNode update(JsonNode in) throws Rejection {
        SecretRow row = found(in.path("SecretId").asText());
        String versionId = versionId(in);
        NewValue value = newValue(in, row.secretArn, versionId, List.of(SecretDecider.CURRENT), false);
        write(row, state -> {
            List<SecretEvent> events = new ArrayList<>(SecretDecider.describe(state, row.secretArn,
                    text(in, "Description"), text(in, "KmsKeyId"), Instant.now()));
            if (value != null) {
                events.addAll(SecretDecider.putValue(state, row.secretArn, value, sameValue(row.secretArn, value),
                        Instant.now()));
            }
            return events;
        });
        ObjectNode out = Json.MAPPER.createObjectNode().put("ARN", row.secretArn).put("Name", row.name);
        return value == null ? out : out.put("VersionId", versionId);
    }

    private JsonNode describe(JsonNode in) throws Rejection {
        SecretRow row = found(in.path("SecretId").asText());
        ObjectNode out = entry(row);
        stagesByVersion(out.putObject("VersionIdsToStages"), row.secretArn);
        return out;
    }

    private JsonNode list(JsonNode in) throws Rejection {
        boolean planned = in.path("IncludePlannedDeletion").asBoolean(false);
        Predicate<SecretRow> filters = r -> planned || r.deletionDate == null;
        for (JsonNode f : in.path("Filters")) {
            filters = filters.and(filter(f.path("Key").asText(), f.path("Values")));
        }
        boolean descending = "desc".equals(text(in, "SortOrder"));
        Comparator<SecretRow> order = Comparator.comparing((SecretRow r) -> r.createdAt).thenComparing(r -> r.secretArn);
        List<SecretRow> matching = SecretRow.<SecretRow>list("deleted = false").stream().filter(filters)
                .sorted(descending ? order.reversed() : order).toList();
        var page = ListPages.page(matching, text(in, "NextToken"), in.path("MaxResults").asInt(100),
                "InvalidNextTokenException");
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("SecretList");
        for (SecretRow row : page.items()) {
            ObjectNode e = entry(row);
            stagesByVersion(e.putObject("SecretVersionsToStages"), row.secretArn);
            list.add(e);
        }
        if (page.nextToken() != null) {
            out.put("NextToken", page.nextToken());
        }
        return out;
    }

    private JsonNode delete(JsonNode in) throws Rejection {
        SecretRow row = found(in.path("SecretId").asText());
        Long days = in.path("RecoveryWindowInDays").isNumber() ? in.path("RecoveryWindowInDays").asLong() : null;
        boolean force = in.path("ForceDeleteWithoutRecovery").asBoolean(false);
        Instant now = Instant.now();
        var recorded = write(row, state -> SecretDecider.delete(state, row.secretArn, days, force, now));
        Instant deletionDate = recorded.get(0).envelope().payload()
                instanceof dev.runway.events.secret.SecretDeletionScheduled s ? s.deletionDate() : now;
        Log.infof("secret %s %s", row.secretArn, force ? "deleted" : "scheduled for deletion at " + deletionDate);
        return Json.MAPPER.createObjectNode().put("ARN", row.secretArn).put("Name", row.name)
                .put("DeletionDate", seconds(deletionDate));
    }

    private JsonNode restore(JsonNode in) throws Rejection {
        SecretRow row = found(in.path("SecretId").asText());
        write(row, state -> SecretDecider.restore(state, row.secretArn, Instant.now()));
        return Json.MAPPER.createObjectNode().put("ARN", row.secretArn).put("Name", row.name);
    }

    private JsonNode tag(JsonNode in) throws Rejection {
        SecretRow row = found(in.path("SecretId").asText());
        List<Tag> tags = new ArrayList<>();
        in.path("Tags").forEach(t -> tags.add(new Tag(t.path("Key").asText(), t.path("Value").asText())));
        write(row, state -> SecretDecider.tag(state, row.secretArn, tags, Instant.now()));
        return Json.MAPPER.createObjectNode();
    }

    private JsonNode untag(JsonNode in) throws Rejection {
        SecretRow row = found(in.path("SecretId").asText());
        List<String> keys = new ArrayList<>();
        in.path("TagKeys").forEach(k -> keys.add(k.asText()));
        write(row, state -> SecretDecider.untag(state, row.secretArn, keys, Instant.now()));
        return Json.MAPPER.createObjectNode();
    }

    private List<dev.runway.registry.store.EventStore.Recorded> write(SecretRow row,
            StreamWriter.Decision<SecretDecider.State, SecretEvent> decision) throws Rejection {
        return writer.write(row.secretArn, SecretEvent.class, SecretDecider.FOLD, decision);
    }

    /**
     * The secret a SecretId names (ARN, partial ARN without the random suffix, or name), deleted or
     * not yet; a recovery window that has ended is recorded as the deletion it is, and the secret is gone.
     */
    private SecretRow found(String secretId) throws Rejection {
        SecretRow row = null;
        if (secretId.startsWith(arnPrefix)) {
            row = SecretRow.find("secretArn = ?1 and deleted = false", secretId).firstResult();
            secretId = secretId.substring(arnPrefix.length());
        }
        if (row == null) {
            row = SecretRow.find("name = ?1 and deleted = false", secretId).firstResult();
        }
        if (row == null) {
            throw SecretDecider.notFound();
        }
        if (row.deletionDate != null && !Instant.now().isBefore(row.deletionDate)) {
            String arn = row.secretArn;
            writer.write(arn, SecretEvent.class, SecretDecider.FOLD, state -> SecretDecider.expire(state, arn,
                    Instant.now()));
            Log.infof("secret %s deleted: its recovery window ended", arn);
            throw SecretDecider.notFound();
        }
        return row;
    }

    /** A secret whose value may be read: found and not scheduled for deletion. */
    private SecretRow readable(String secretId) throws Rejection {
        SecretRow row = found(secretId);
        if (row.deletionDate != null) {
            throw SecretDecider.markedForDeletion();
        }
        return row;
    }

    /** The version a VersionId and/or VersionStage selects; AWSCURRENT when neither is given. */
    private static SecretVersionRow selected(SecretRow row, String versionId, String stage) throws Rejection {
        String wanted = versionId == null && stage == null ? SecretDecider.CURRENT : stage;
        for (SecretVersionRow v : SecretVersionRow.<SecretVersionRow>list("secretArn", row.secretArn)) {
            if ((versionId == null || v.versionId.equals(versionId))
                    && (wanted == null || SecretProjection.stages(v).contains(wanted))) {
                return v;
            }
        }
        throw new Rejection("ResourceNotFoundException", "Secrets Manager can't find the specified secret value for "
                + (versionId != null ? "VersionId: " + ListPages.shown(versionId) : "")
                + (versionId != null && wanted != null ? " and " : "")
                + (wanted != null ? "staging label: " + ListPages.shown(wanted) : ""));
    }

    /** SecretString or SecretBinary sealed for {@code arn}; null when neither is given (unless required). */
    private NewValue newValue(JsonNode in, String arn, String versionId, List<String> stages, boolean required)
            throws Rejection {
        boolean string = in.path("SecretString").isTextual();
        boolean binary = in.path("SecretBinary").isTextual();
        if (string && binary) {
            throw new Rejection("InvalidParameterException", "You can't specify both a binary secret value and a string"
                    + " secret value in the same secret.");
        }
        if (!string && !binary) {
            if (required) {
                throw new Rejection("InvalidRequestException", "You must provide either SecretString or SecretBinary.");
            }
            return null;
        }
        String value = in.path(string ? "SecretString" : "SecretBinary").asText();
        return new NewValue(versionId, seal.seal(arn, versionId, value), binary, stages);
    }

    /** Whether an existing version with the new value's id holds the same value (a retried request). */
    private boolean sameValue(String arn, NewValue value) {
        var key = new SecretVersionRow.Key();
        key.secretArn = arn;
        key.versionId = value.versionId();
        SecretVersionRow existing = SecretVersionRow.findById(key);
        return existing != null && existing.binary == value.binary()
                && open(existing).equals(seal.open(arn, value.versionId(), value.sealed()));
    }

    private static Predicate<SecretRow> filter(String key, JsonNode values) {
        List<String> wanted = new ArrayList<>();
        values.forEach(v -> wanted.add(v.asText()));
        return row -> {
            Map<String, String> tags = key.startsWith("tag-") || key.equals("all") ? SecretProjection.tags(row) : Map.of();
            return wanted.stream().anyMatch(v -> {
                boolean negate = v.startsWith("!");
                String prefix = negate ? v.substring(1) : v;
                boolean match = switch (key) {
                    case "name" -> row.name.startsWith(prefix);
                    case "description" -> row.description != null && row.description.startsWith(prefix);
                    case "tag-key" -> tags.keySet().stream().anyMatch(k -> k.startsWith(prefix));
                    case "tag-value" -> tags.values().stream().anyMatch(t -> t.startsWith(prefix));
                    case "all" -> row.name.startsWith(prefix) || (row.description != null && row.description.startsWith(prefix))
                            || tags.keySet().stream().anyMatch(k -> k.startsWith(prefix))
                            || tags.values().stream().anyMatch(t -> t.startsWith(prefix));
                    default -> false; // primary-region, owning-service: Runway's secrets have neither
                };
                return match != negate;
            });
        };
    }

    /** Each version that has staging labels, with them, oldest first (deprecated versions have none). */
    private static void stagesByVersion(ObjectNode into, String secretArn) {
        for (SecretVersionRow v : SecretVersionRow.<SecretVersionRow>list("secretArn", Sort.by("createdAt"), secretArn)) {
            List<String> stages = SecretProjection.stages(v);
            if (!stages.isEmpty()) {
                ArrayNode labels = into.putArray(v.versionId);
                stages.forEach(labels::add);
            }
        }
    }

    private static ObjectNode entry(SecretRow row) {
        ObjectNode out = Json.MAPPER.createObjectNode().put("ARN", row.secretArn).put("Name", row.name);
        if (row.description != null) {
            out.put("Description", row.description);
        }
        if (row.keyId != null) {
            out.put("KmsKeyId", row.keyId);
        }
        out.put("LastChangedDate", seconds(row.lastChangedAt));
        if (row.deletionDate != null) {
            out.put("DeletedDate", seconds(row.deletionDate));
        }
        ArrayNode tags = out.putArray("Tags");
        SecretProjection.tags(row).forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
        return out.put("CreatedDate", seconds(row.createdAt));
    }

    private String open(SecretVersionRow v) {
        return seal.open(v.secretArn, v.versionId, v.valueCiphertext);
    }

    private static String versionId(JsonNode in) {
        String token = text(in, "ClientRequestToken");
        return token != null ? token : UUID.randomUUID().toString();
    }

    private static String suffix() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            s.append(SUFFIX[RANDOM.nextInt(SUFFIX.length)]);
        }
        return s.toString();
    }

    private static boolean empty(String text) {
        return text == null || text.isEmpty();
    }


}
