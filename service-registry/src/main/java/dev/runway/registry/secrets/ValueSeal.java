package dev.runway.registry.secrets;

import dev.runway.registry.credentials.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Base64;

/**
 * Seals parameter and secret values for their events: AES-GCM under the credentials key, with the
 * resource's ARN and version as associated data (a ciphertext moved to another resource or version
 * does not open), base64 so the events stay JSON text.
 */
@ApplicationScoped
public class ValueSeal {

    private final SecretCipher cipher;

    public ValueSeal(SecretCipher cipher) {
        this.cipher = cipher;
    }

    public String seal(String arn, String version, String value) {
        return Base64.getEncoder().encodeToString(cipher.encrypt(arn + "#" + version, value));
    }

    public String open(String arn, String version, String sealed) {
        return cipher.decrypt(arn + "#" + version, Base64.getDecoder().decode(sealed));
    }
}
