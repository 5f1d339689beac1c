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
     * Each instance on a Docker bridge network of the platform's own ({@link #bridgeName}), made
     * when missing with traffic between its containers off: the app listens on its declared port as
     * in {@link #NAMESPACE}, and the engine publishes it on {@code 127.0.0.1:<host port>} only. The
     * app reaches the internet through the bridge's NAT; the platform's ports bind 127.0.0.1, which a
     * container cannot reach. For hosts that allow a bridge (Docker's default set-up, or a cluster
     * node): it needs neither pasta nor a deploy-worker on the engine's machine. Never on hosts whose
     * network rules forbid the private ranges a bridge takes its addresses from.
     */
    BRIDGE,

    /**
     * Every instance on the host's network, listening on {@code 127.0.0.1:$PORT}, a port Runway
     * picks: no isolation at all (an app reaches every port of the host). For machines without pasta.
     */
    HOST;

    /** The bridge network of a platform's instances in {@link #BRIDGE} mode. */
    public static String bridgeName(String platformId) {
        return "runway-" + platformId + "-instances";
    }
}
