package dev.runway.deployworker.engine;

import com.github.dockerjava.api.model.AuthConfig;
import dev.runway.events.credential.SecretFile;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The deploy-worker's own login at the platform image registry (docs/security.md, "Image
 * registry"): user {@code deploy-worker}, which the token service lets pull and nothing else, with
 * the password made at first start ({@code RUNWAY_REGISTRY_PASSWORD_FILE}, read at each pull so a
 * replaced one counts at once). Given to the engine only for images of the platform registry; any
 * other registry gets no credential of ours.
 */
public record RegistryLogin(String registry, String username, Path passwordFile) {

    /** The login for pulling {@code repository} ({@code host[:port]/name}), or empty when it is not ours. */
    public Optional<AuthConfig> forRepository(String repository) {
        int slash = repository.indexOf('/');
        if (slash < 0 || !repository.substring(0, slash).equals(registry)) {
            return Optional.empty();
        }
        String password = SecretFile.failing(passwordFile, "RUNWAY_REGISTRY_PASSWORD_FILE").read().orElse("");
        return Optional.of(new AuthConfig().withRegistryAddress(registry).withUsername(username).withPassword(password));
    }
}
