package dev.runway.registry.credentials;

import dev.runway.registry.config.RegistryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/** One cipher per registry over the key file, shared by access keys and connections (one file, read once). */
@ApplicationScoped
public class SecretCipherProducer {

    @Produces
    @Singleton
    SecretCipher cipher(RegistryConfig config) {
        return SecretCipher.fromKeyFile(Path.of(config.credentials().keyFile()));
    }
}
