package dev.runway.registry.credentials;

import dev.runway.registry.connection.ConnectionSecret;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /internal/credentials/reseal} (operator; {@code ./runway credentials rotate master-key}
 * calls it after the new key is in place): every secret the registry keeps in its own tables
 * (access keys' secrets, connections' Git tokens and webhook secrets, never in an event) is opened
 * and sealed again under the current key, in one transaction. Values sealed in events (SSM
 * parameters, Secrets Manager values, certificates' keys) are not: the log is never rewritten, so
 * their keys stay in the ring (docs/security.md, "Rotating the master key").
 */
@Path("/internal/credentials/reseal")
@Produces(MediaType.APPLICATION_JSON)
public class ResealResource {

    private final SecretCipher cipher;

    public ResealResource(SecretCipher cipher) {
        this.cipher = cipher;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Transactional
    public Map<String, Object> reseal() {
        int accessKeys = 0;
        for (AccessKeyRow row : AccessKeyRow.<AccessKeyRow>listAll()) {
            if (!cipher.sealedUnderCurrentKey(row.secretCiphertext)) {
                row.secretCiphertext = cipher.encrypt(row.accessKeyId, cipher.decrypt(row.accessKeyId, row.secretCiphertext));
                accessKeys++;
            }
        }
        int connections = 0;
        for (ConnectionSecret s : ConnectionSecret.<ConnectionSecret>listAll()) {
            String arn = s.connectionArn;
            if (!cipher.sealedUnderCurrentKey(s.tokenCiphertext) || !cipher.sealedUnderCurrentKey(s.webhookSecretCiphertext)) {
                s.tokenCiphertext = cipher.encrypt(arn, cipher.decrypt(arn, s.tokenCiphertext));
                s.webhookSecretCiphertext = cipher.encrypt(arn, cipher.decrypt(arn, s.webhookSecretCiphertext));
                connections++;
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("keyId", cipher.currentKeyId());
        answer.put("accessKeys", accessKeys);
        answer.put("connections", connections);
        answer.put("keptInEvents", List.of("SSM parameters", "Secrets Manager values", "certificate keys"));
        return answer;
    }
}
