package dev.runway.buildworker.source;

import dev.runway.buildworker.config.BuildConfig;
import dev.runway.events.query.RegistryQueries;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;

/**
 * The access token of a service's connection, read from the registry's internal (loopback) API for
 * one clone; it is stored encrypted there and never logged here.
 */
@ApplicationScoped
public class ConnectionTokens {

    private final RegistryQueries registry;

    public ConnectionTokens(BuildConfig config) {
        this.registry = new RegistryQueries(config.serviceRegistry().url(), Duration.ofSeconds(5));
    }

    /** Null without a connection; the connection's token otherwise. */
    public String tokenFor(String connectionArn) throws GitSource.SourceException {
        if (connectionArn == null) {
            return null;
        }
        try {
            var connection = registry.connection(connectionArn).orElseThrow(() -> new GitSource.SourceException(
                    "Connection " + connectionArn + " no longer exists; update the service to another connection."));
            if (!"AVAILABLE".equals(connection.status())) {
                throw new GitSource.SourceException("Connection " + connection.connectionName() + " is "
                        + connection.status() + ": complete its handshake (./runway connections complete "
                        + connection.connectionName() + ").");
            }
            return registry.connectionSecrets(connectionArn).orElseThrow(() -> new GitSource.SourceException(
                    "Connection " + connection.connectionName() + " has no credentials; complete its handshake"
                    + " (./runway connections complete " + connection.connectionName() + ").")).token();
        } catch (IOException e) {
            throw new GitSource.SourceException("Could not read connection " + connectionArn + " from the registry: "
                    + e.getMessage());
        }
    }
}
