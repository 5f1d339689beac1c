package dev.runway.deployworker.engine;

/** How instances are networked: {@code runway.instances.network} ({@code RUNWAY_INSTANCE_NETWORK}). */
public enum InstanceNetwork {

    /**
     * Each instance in a network namespace of its own with nothing but loopback: the app listens on
     * its declared port (App Runner's {@code Port}, 8080 by default, also passed as {@code PORT}) on
     * any address, and the platform reaches it on a host-loopback port through {@link PortForwarders}.
     * It reaches nothing outside. Needs {@code pasta} (Debian package passt) and a deploy-worker that
     * runs as root on the engine's machine.
     */
    NAMESPACE,

    /**
     * Every instance on the host's network, listening on {@code 127.0.0.1:$PORT}, a port Runway
     * picks: no isolation at all (an app reaches every port of the host). For machines without pasta.
     */
    HOST
}
