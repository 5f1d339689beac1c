package dev.runway.registry.parameter;

import dev.runway.events.secret.ParameterDeleted;
import dev.runway.events.secret.ParameterEvent;
import dev.runway.events.secret.ParameterPut;
import dev.runway.events.wire.Json;

/**
 * Applies parameter events to {@code ssm_parameters} and {@code ssm_parameter_versions}; skips what
 * it applied before (rebuilds replay the log). A delete drops every version, as SSM does; SSM keeps
 * the newest 100 versions, and so does this.
 */
public final class ParameterProjection {

    static final int KEPT_VERSIONS = 100;

    public static void apply(ParameterEvent event, long position) {
        if (event instanceof ParameterPut p) {
            ParameterRow row = ParameterRow.findById(p.name());
            if (row != null && row.lastPosition >= position) {
                return;
            }
            if (row == null) {
                row = new ParameterRow();
                row.name = p.name();
                row.tags = Json.MAPPER.valueToTree(p.tags()).toString();
            }
            row.parameterArn = p.parameterArn();
            row.version = p.version();
            row.lastPosition = position;
            row.persist();
            ParameterVersionRow v = new ParameterVersionRow();
            v.name = p.name();
            v.version = p.version();
            v.parameterArn = p.parameterArn();
            v.type = p.type();
            v.description = p.description();
            v.allowedPattern = p.allowedPattern();
            v.dataType = p.dataType();
            v.keyId = p.keyId();
            v.valueCiphertext = p.valueCiphertext();
            v.lastModifiedAt = p.at();
            v.lastModifiedUser = p.user();
            v.persist();
            ParameterVersionRow.delete("name = ?1 and version <= ?2", p.name(), p.version() - KEPT_VERSIONS);
        } else if (event instanceof ParameterDeleted d) {
            String name = d.name();
            ParameterRow row = ParameterRow.findById(name);
            if (row == null || row.lastPosition >= position) {
                return;
            }
            row.delete();
            ParameterVersionRow.delete("name", name);
        }
    }

    public static void clear() {
        ParameterVersionRow.deleteAll();
        ParameterRow.deleteAll();
    }

    private ParameterProjection() {
    }
}
