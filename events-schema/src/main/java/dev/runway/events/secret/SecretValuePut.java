package dev.runway.events.secret;

import java.time.Instant;
import java.util.List;

/**
 * A secret has a new version. The stages it names move to it from whichever version had them;
 * when it takes {@code AWSCURRENT}, the version that had it becomes {@code AWSPREVIOUS}.
 *
 * @param valueCiphertext base64 of the value sealed by the registry (AES-GCM, ARN and version id
 *                        as associated data); never the value itself
 * @param binary          the value is SecretBinary (base64 text), not SecretString
 */
public record SecretValuePut(String secretArn, String versionId, String valueCiphertext, boolean binary,
        List<String> stages, Instant at) implements SecretEvent {

    public SecretValuePut {
        stages = stages == null ? List.of() : List.copyOf(stages);
    }

    @Override
    public String toString() {
        return "SecretValuePut[" + secretArn + " " + versionId + " " + stages + ", value sealed]";
    }
}
