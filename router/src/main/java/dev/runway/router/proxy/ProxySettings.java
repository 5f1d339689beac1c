package dev.runway.router.proxy;

import java.time.Duration;

/**
 * How the proxy listens and talks to instances.
 *
 * @param host                    address to bind
 * @param port                    port to bind; 0 for an ephemeral one (tests)
 * @param instances               server instances, one per event loop that should accept requests
 * @param connectTimeout          how long to wait for an instance to accept a connection
 * @param keepAliveTimeout        how long an idle pooled connection to an instance is kept; keep it
 *                                below the instances' own idle timeout (Node.js closes after 5 s)
 * @param maxConnectionsPerInstance pooled connections per instance and event loop
 * @param maxAttempts             instances tried when connecting fails (the body is not sent yet then)
 */
public record ProxySettings(
        String host,
        int port,
        int instances,
        Duration connectTimeout,
        Duration keepAliveTimeout,
        int maxConnectionsPerInstance,
        int maxAttempts) {

    public ProxySettings {
        instances = Math.max(1, instances);
        maxAttempts = Math.max(1, maxAttempts);
        maxConnectionsPerInstance = Math.max(1, maxConnectionsPerInstance);
    }

    /** Sensible settings on {@code host:port}. */
    public static ProxySettings defaults(String host, int port) {
        return new ProxySettings(host, port, Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(5),
                Duration.ofSeconds(4), 100, 3);
    }
}
