package dev.runway.events.secret;

import dev.runway.events.model.Tag;
import java.time.Instant;
import java.util.List;

/**
 * A parameter has a new version (version 1 creates it; a put after a delete starts at 1 again).
 *
 * @param valueCiphertext base64 of the value sealed by the registry (AES-GCM, ARN and version as
 *                        associated data); never the value itself
 * @param tags            the tags given with the first version; empty for later ones
 */
public record ParameterPut(
        String parameterArn,
        String name,
        String type,
        long version,
        String description,
        String allowedPattern,
        String dataType,
        String keyId,
        String valueCiphertext,
        List<Tag> tags,
        String user,
        Instant at) implements ParameterEvent {

    public ParameterPut {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    @Override
    public String toString() {
        return "ParameterPut[" + parameterArn + " v" + version + ", value sealed]";
    }
}
