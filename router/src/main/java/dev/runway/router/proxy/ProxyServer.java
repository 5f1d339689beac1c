package dev.runway.router.proxy;

import dev.runway.router.route.RouteTable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The data plane: one port (and, with {@link TlsSettings}, a TLS port beside it), many event
 * loops, routing by {@code Host} through a {@link RouteTable}. Plain Vert.x, so a test can start
 * it on any {@link Vertx} without Quarkus.
 */
public final class ProxyServer {

    private static final AtomicInteger RANDOM_PORT_KEYS = new AtomicInteger(-1000);
    private static final long DRAIN_PERIOD_MS = 50;

    private final Vertx vertx;
    private final RouteTable routes;
    private final ProxySettings settings;
    private final Outstanding outstanding = new Outstanding();
    private final AtomicInteger rotation = new AtomicInteger();
    /** Client connections open on every event loop, against the cap. */
    private final AtomicInteger clientConnections = new AtomicInteger();
    private final Admission admission;
    private final TrafficListener traffic;
    private final TlsSettings tls;
    private final ColdStart coldStart;
    private long drainTimer = -1;
    private final List<String> deployments = new ArrayList<>();
    private volatile int port = -1;
    private volatile int tlsPort = -1;

    public ProxyServer(Vertx vertx, RouteTable routes, ProxySettings settings) {
        this(vertx, routes, settings, TrafficListener.NONE);
    }

    public ProxyServer(Vertx vertx, RouteTable routes, ProxySettings settings, TrafficListener traffic) {
        this(vertx, routes, settings, traffic, TlsSettings.off());
    }

    public ProxyServer(Vertx vertx, RouteTable routes, ProxySettings settings, TrafficListener traffic,
            TlsSettings tls) {
        this(vertx, routes, settings, traffic, tls, ColdStart.holdOnly());
    }

    /** As above; {@code coldStart} holds requests of services at zero instances and wakes them. */
    public ProxyServer(Vertx vertx, RouteTable routes, ProxySettings settings, TrafficListener traffic,
            TlsSettings tls, ColdStart coldStart) {
        this.coldStart = coldStart;
        this.tls = tls;
        this.vertx = vertx;
        this.routes = routes;
        this.settings = settings;
        this.traffic = traffic;
        this.admission = new Admission(routes, outstanding, settings, rotation);
    }

    /**
     * Binds the port and starts accepting requests on {@code settings.instances()} event loops,
     * all sharing one port. Port 0 asks for an ephemeral port: Vert.x shares one random port
     * between servers that ask for the same negative number, and Quarkus' own HTTP server asks
     * with -1, so each proxy asks with a number of its own.
     *
     * @return the port bound
     */
    public Future<Integer> start() {
        int bindPort = settings.port() == 0 ? RANDOM_PORT_KEYS.decrementAndGet() : settings.port();
        int tlsBindPort = tls.port() == 0 ? RANDOM_PORT_KEYS.decrementAndGet() : tls.port();
        List<ProxyVerticle> started = new java.util.concurrent.CopyOnWriteArrayList<>();
        return vertx.deployVerticle(() -> {
                    ProxyVerticle verticle = new ProxyVerticle(routes, admission, settings, traffic, bindPort,
                            clientConnections, tls, tlsBindPort, coldStart);
                    started.add(verticle);
                    return verticle;
                }, new DeploymentOptions().setInstances(settings.instances()))
                .map(id -> {
                    deployments.add(id);
                    // waiters get places on instances that were added (scale-up) within this period
                    // and held requests of services at zero keep their wake asked for (ColdStart)
                    drainTimer = vertx.setPeriodic(DRAIN_PERIOD_MS, t -> {
                        admission.drainAll();
                        admission.wakeCold(coldStart, System.nanoTime());
                    });
                    port = started.get(0).actualPort();
                    tlsPort = started.get(0).actualTlsPort();
                    return port;
                });
    }

    /** Stops accepting requests and closes the pooled connections. */
    public Future<Void> stop() {
        if (drainTimer >= 0) {
            vertx.cancelTimer(drainTimer);
            drainTimer = -1;
        }
        List<Future<Void>> undeployed = new ArrayList<>(deployments.stream().map(vertx::undeploy).toList());
        deployments.clear();
        return Future.join(new ArrayList<>(undeployed)).mapEmpty();
    }

    /**
     * The routes changed: requests held for a service that just got its instances (a cold start, a
     * scale-up) go at once rather than at the next drain period. Any thread (the gates lock, the
     * waiters run on their own contexts).
     */
    public void routesChanged() {
        admission.drainAll();
    }

    /** The port bound, once started. */
    public int port() {
        return port;
    }

    /** The TLS port bound, once started; -1 without a TLS listener. */
    public int tlsPort() {
        return tlsPort;
    }

    /** The certificates the TLS listener serves; add, replace or remove them at any time. */
    public dev.runway.router.tls.Certificates certificates() {
        return tls.certificates();
    }

    public String host() {
        return settings.host();
    }

    /** Client connections open now. */
    public int clientConnections() {
        return clientConnections.get();
    }

    /** Requests in flight to all instances together. */
    public int inFlight() {
        return outstanding.total();
    }

    /** Requests in flight to one instance now. */
    public int inFlight(dev.runway.events.model.Endpoint endpoint) {
        return outstanding.of(endpoint);
    }

    /** Requests waiting for a place, over every service. */
    public int waiting() {
        return admission.waiting();
    }

    /** Requests waiting for a place on one service's instances. */
    public int waiting(String serviceArn) {
        return admission.waiting(serviceArn);
    }

}
