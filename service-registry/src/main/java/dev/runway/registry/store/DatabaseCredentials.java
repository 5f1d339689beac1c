package dev.runway.registry.store;

import dev.runway.events.credential.SecretFile;
import io.quarkus.credentials.CredentialsProvider;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The event store's PostgreSQL login, asked for each time the pool opens a connection (Agroal calls
 * a credentials provider per connection). With {@code RUNWAY_DB_PASSWORD_FILE} the password is read
 * from that file then, so {@code ./runway credentials rotate database} changes it without a
 * restart: connections already open stay logged in, new ones use the new password
 * (docs/security.md, "Rotating"). Without the file, {@code RUNWAY_DB_PASSWORD} (the compose stack's).
 */
@ApplicationScoped
@Named(DatabaseCredentials.NAME)
public class DatabaseCredentials implements CredentialsProvider {

    static final String NAME = "runway-database";

    @ConfigProperty(name = "runway.db.user", defaultValue = "runway")
    String user;

    @ConfigProperty(name = "runway.db.password-file")
    Optional<String> passwordFile;

    @ConfigProperty(name = "runway.db.password", defaultValue = "runway")
    String password;

    @Override
    public Map<String, String> getCredentials(String credentialsProviderName) {
        return Map.of(USER_PROPERTY_NAME, user, PASSWORD_PROPERTY_NAME, currentPassword());
    }

    String currentPassword() {
        if (passwordFile.isEmpty() || passwordFile.get().isBlank()) {
            return password;
        }
        try {
            return SecretFile.content(Path.of(passwordFile.get().strip())).orElse("");
        } catch (IOException e) {
            // the launcher writes it beside and renames it, so this is a real fault: say it, try the start's
            Log.warnf("the database password file %s is unreadable (%s): using the password given at the start",
                    passwordFile.get(), e.getClass().getSimpleName());
            return password;
        }
    }
}
