package dev.runway.registry.secrets;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.secret.SecretCreated;
import dev.runway.events.secret.SecretDeleted;
import dev.runway.events.secret.SecretDeletionScheduled;
import dev.runway.events.secret.SecretDescribed;
import dev.runway.events.secret.SecretEvent;
import dev.runway.events.secret.SecretRestored;
import dev.runway.events.secret.SecretTagged;
import dev.runway.events.secret.SecretUntagged;
import dev.runway.events.secret.SecretValuePut;
import dev.runway.events.wire.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies secret events to {@code sm_secrets} and {@code sm_secret_versions}; skips what it applied
 * before (rebuilds replay the log). A deleted secret keeps its row (marked deleted, so its name is
 * free again) and loses its versions.
 */
public final class SecretProjection {

    public static void apply(SecretEvent event, long position) {
        SecretRow row = SecretRow.findById(event.secretArn());
        if (row != null && row.lastPosition >= position) {
            return;
        }
        if (event instanceof SecretCreated c) {
            row = new SecretRow();
            row.secretArn = c.secretArn();
            row.name = c.name();
            row.description = c.description();
            row.keyId = c.keyId();
            ObjectNode tags = Json.MAPPER.createObjectNode();
            c.tags().forEach(t -> tags.put(t.key(), t.value()));
            row.tags = tags.toString();
            row.createdAt = c.at();
            row.lastChangedAt = c.at();
        } else if (row == null) {
            return;
        } else if (event instanceof SecretValuePut v) {
            restage(v);
            row.lastChangedAt = v.at();
        } else if (event instanceof SecretDescribed d) {
            row.description = d.description() != null ? d.description() : row.description;
            row.keyId = d.keyId() != null ? d.keyId() : row.keyId;
            row.lastChangedAt = d.at();
        } else if (event instanceof SecretDeletionScheduled d) {
            row.deletionDate = d.deletionDate();
        } else if (event instanceof SecretRestored) {
            row.deletionDate = null;
        } else if (event instanceof SecretDeleted) {
            row.deleted = true;
            SecretVersionRow.delete("secretArn", row.secretArn);
        } else if (event instanceof SecretTagged t) {
            Map<String, String> tags = tags(row);
            t.tags().forEach(tag -> tags.put(tag.key(), tag.value()));
            row.tags = Json.MAPPER.valueToTree(tags).toString();
        } else if (event instanceof SecretUntagged u) {
            Map<String, String> tags = tags(row);
            u.tagKeys().forEach(tags::remove);
            row.tags = Json.MAPPER.valueToTree(tags).toString();
        }
        row.lastPosition = position;
        row.persist();
    }

    /** The new version, and every version's labels after it took its own (the decider's rule). */
    private static void restage(SecretValuePut v) {
        List<SecretVersionRow> versions = SecretVersionRow.list("secretArn", v.secretArn());
        Map<String, List<String>> before = new LinkedHashMap<>();
        versions.forEach(r -> before.put(r.versionId, stages(r)));
        Map<String, List<String>> after = SecretDecider.restage(before, v.versionId(), v.stages());
        for (SecretVersionRow r : versions) {
            r.stages = Json.MAPPER.valueToTree(after.get(r.versionId)).toString();
        }
        SecretVersionRow added = new SecretVersionRow();
        added.secretArn = v.secretArn();
        added.versionId = v.versionId();
        added.valueCiphertext = v.valueCiphertext();
        added.binary = v.binary();
        added.stages = Json.MAPPER.valueToTree(after.get(v.versionId())).toString();
        added.createdAt = v.at();
        added.persist();
    }

    static List<String> stages(SecretVersionRow r) {
        try {
            return Json.MAPPER.readValue(r.stages, new TypeReference<List<String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> tags(SecretRow row) {
        try {
            return Json.MAPPER.readValue(row.tags, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void clear() {
        SecretVersionRow.deleteAll();
        SecretRow.deleteAll();
    }

    private SecretProjection() {
    }
}
