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
 * @param requestTimeout          how long a request may wait for a place and its instance's answer
 *                                to begin (App Runner: 120 s); then 504
 * @param defaultMaxConcurrency   requests one instance serves at once when the route does not say
 * @param defaultMaxSize          the most instances of a service when the route does not say
 * @param queueSize               requests a service at MaxSize may keep waiting beyond its capacity
 * @param headerTimeout           how long a client connection may stay without a request in flight:
 *                                a request head must arrive whole within it (slowloris), and an idle
 *                                kept-alive connection is closed after it
 * @param maxClientConnections    client connections open at once; more are closed as they arrive
 */
public record ProxySettings(
        String host,
        int port,
        int instances,
        Duration connectTimeout,
        Duration keepAliveTimeout,
        int maxConnectionsPerInstance,
        int maxAttempts,
        Duration requestTimeout,
        int defaultMaxConcurrency,
        int defaultMaxSize,
        int queueSize,
        Duration headerTimeout,
        int maxClientConnections) {

    public ProxySettings {
        instances = Math.max(1, instances);
        maxAttempts = Math.max(1, maxAttempts);
        maxConnectionsPerInstance = Math.max(1, maxConnectionsPerInstance);
        requestTimeout = requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()
                ? Duration.ofSeconds(120) : requestTimeout;
        defaultMaxConcurrency = Math.max(1, defaultMaxConcurrency);
        defaultMaxSize = Math.max(1, defaultMaxSize);
        queueSize = Math.max(0, queueSize);
        headerTimeout = headerTimeout == null || headerTimeout.isNegative() || headerTimeout.isZero()
                ? DEFAULT_HEADER_TIMEOUT : headerTimeout;
        maxClientConnections = maxClientConnections <= 0 ? DEFAULT_MAX_CLIENT_CONNECTIONS : maxClientConnections;
    }

    static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(15);
    static final int DEFAULT_MAX_CLIENT_CONNECTIONS = 10_000;

    /** These limits with the default header timeout and connection cap. */
    public ProxySettings(String host, int port, int instances, Duration connectTimeout, Duration keepAliveTimeout,
            int maxConnectionsPerInstance, int maxAttempts, Duration requestTimeout, int defaultMaxConcurrency,
            int defaultMaxSize, int queueSize) {
        this(host, port, instances, connectTimeout, keepAliveTimeout, maxConnectionsPerInstance, maxAttempts,
                requestTimeout, defaultMaxConcurrency, defaultMaxSize, queueSize, DEFAULT_HEADER_TIMEOUT,
                DEFAULT_MAX_CLIENT_CONNECTIONS);
    }

    /** The settings before limits existed: App Runner's default limits and timeout. */
    public ProxySettings(String host, int port, int instances, Duration connectTimeout, Duration keepAliveTimeout,
            int maxConnectionsPerInstance, int maxAttempts) {
        this(host, port, instances, connectTimeout, keepAliveTimeout, maxConnectionsPerInstance, maxAttempts,
                Duration.ofSeconds(120), 100, 25, 100);
    }

    /** Sensible settings on {@code host:port}. */
    public static ProxySettings defaults(String host, int port) {
        return new ProxySettings(host, port, Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(5),
                Duration.ofSeconds(4), 100, 3, Duration.ofSeconds(120), 100, 25, 100);
    }
}
