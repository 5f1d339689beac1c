package dev.runway.router;

import dev.runway.events.wire.KafkaSettings;
import dev.runway.router.config.RouterConfig;
import dev.runway.router.follow.DomainFollower;
import dev.runway.router.follow.RegistrySnapshots;
import dev.runway.router.follow.RouteFollower;
import dev.runway.router.metrics.MetricsPublisher;
import dev.runway.router.metrics.PrometheusFigures;
import dev.runway.router.metrics.TrafficMeter;
import dev.runway.router.proxy.ProxyServer;
import dev.runway.router.proxy.ProxySettings;
import dev.runway.router.proxy.TlsSettings;
import dev.runway.router.tls.CertificateFiles;
import dev.runway.router.tls.Certificates;
import dev.runway.router.route.RouteTable;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Starts the data plane with the application: the proxy on its port first (it answers 503 until
 * routes are loaded), then the route follower on a thread of its own. Stops both on shutdown.
 */
@ApplicationScoped
public class RouterLifecycle {

    private final Vertx vertx;
    private final RouterConfig config;
    private final RouteTable table;
    private final MeterRegistry meters;
    private final Certificates certificates = new Certificates();
    private ProxyServer proxy;
    private long reloadTimer = -1;
    private RouteFollower follower;
    private DomainFollower domains;
    private MetricsPublisher metrics;
    private dev.runway.router.wake.CommandWaker waker;
    private Thread followerThread;
    private volatile boolean serving;

    RouterLifecycle(Vertx vertx, RouterConfig config, RouteTable table, MeterRegistry meters) {
        this.vertx = vertx;
        this.config = config;
        this.table = table;
        this.meters = meters;
    }

    /** The table every part of the router reads. */
    @Produces
    @Singleton
    static RouteTable routeTable() {
        return new RouteTable();
    }

    void onStart(@Observes StartupEvent event) throws Exception {
        RouterConfig.Router router = config.router();
        ProxySettings settings = new ProxySettings(router.host(), router.port(),
                router.instances().orElse(Runtime.getRuntime().availableProcessors()), router.connectTimeout(),
                router.upstreamKeepAlive(), router.maxConnectionsPerInstance(), router.maxAttempts(),
                router.requestTimeout(), router.defaultMaxConcurrency(), router.defaultMaxSize(), router.queueSize(),
                router.headerTimeout(), router.maxClientConnections());
        String source = "router-" + ProcessHandle.current().pid();
        TrafficMeter meter = new TrafficMeter(source);
        CertificateFiles files = new CertificateFiles(certificates, router.tlsCert(), router.tlsKey(),
                router.tlsDir());
        if (router.tlsIssuerCert().isPresent() && router.tlsIssuerKey().isPresent()) {
            files.withIssuer(router.tlsIssuerCert().get(), router.tlsIssuerKey().get(), router.domain(),
                    host -> table.route(host).isPresent());
        }
        if (router.tlsPort() >= 0) {
            files.refresh();
            if (files.configured()) {
                long period = Math.max(1000, router.tlsReloadPeriod().toMillis());
                reloadTimer = vertx.setPeriodic(period, id -> vertx.executeBlocking(() -> files.refresh(), false));
            }
        }
        domains = new DomainFollower(config.serviceRegistry().url(), config.serviceRegistry().timeout(), table,
                certificates);
        TlsSettings tls = new TlsSettings(router.tlsPort(), certificates, router.httpsRedirect(), router.hstsMaxAge(),
                domains);
        waker = new dev.runway.router.wake.CommandWaker(
                new KafkaProducer<>(KafkaSettings.producer(config.kafka().bootstrapServers(), source + "-wake")), source);
        proxy = new ProxyServer(vertx, table, settings, meter, tls,
                new dev.runway.router.proxy.ColdStart(router.coldStartTimeout(), java.time.Duration.ofSeconds(2), waker));
        int port = proxy.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        serving = true;
        if (tls.enabled()) {
            Log.infof("router serving TLS on %s:%d with %d certificate(s)%s; HTTP to HTTPS redirect %s, HSTS %s",
                    router.host(), proxy.tlsPort(), certificates.current().size(),
                    certificates.current().size() == 0 ? " (handshakes fail until one is added)" : "",
                    router.httpsRedirect() ? "on" : "off",
                    router.hstsMaxAge() > 0 ? "max-age=" + router.hstsMaxAge() : "off");
        }
        RegistrySnapshots snapshots = new RegistrySnapshots(config.serviceRegistry().url(),
                config.serviceRegistry().timeout());
        Log.infof("router listening on %s:%d (%d event loops); loading routes from %s and %s", router.host(), port,
                settings.instances(), snapshots.uri(), config.kafka().bootstrapServers());

        // The consumer exists before the snapshot is asked for: the follower records the end
        // offsets first, so no event between the snapshot and the stream can be missed.
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaSettings.followerConsumer(
                config.kafka().bootstrapServers(), "router-" + ProcessHandle.current().pid()));
        follower = new RouteFollower(consumer, snapshots, table, router.snapshotRetry(),
                () -> Log.infof("router ready on %s:%d with %d routes", router.host(), port, table.size()))
                .withDeadLetters(new dev.runway.events.wire.DeadLetters(config.kafka().bootstrapServers(),
                        "router-" + ProcessHandle.current().pid()))
                .withListener(envelope -> {
                    domains.onEvent(envelope);
                    proxy.routesChanged();
                });
        domains.start();
        metrics = new MetricsPublisher(meter, table, proxy,
                new KafkaProducer<>(KafkaSettings.producer(config.kafka().bootstrapServers(), source + "-metrics")),
                router.metricsPeriod(), Clock.systemUTC(), new PrometheusFigures(meters));
        metrics.start();
        followerThread = new Thread(follower, "route-follower");
        followerThread.setDaemon(true);
        followerThread.start();
    }

    void onStop(@Observes ShutdownEvent event) throws Exception {
        if (reloadTimer >= 0) {
            vertx.cancelTimer(reloadTimer);
        }
        if (metrics != null) {
            metrics.close();
        }
        if (waker != null) {
            waker.close();
        }
        if (domains != null) {
            domains.stop();
        }
        if (follower != null) {
            follower.stop();
            followerThread.join(5_000);
        }
        if (proxy != null) {
            serving = false;
            proxy.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Whether the proxy is bound and accepting requests. */
    public boolean serving() {
        return serving;
    }

    /** The TLS port, once serving; -1 before or without TLS. */
    public int tlsPort() {
        return proxy == null ? -1 : proxy.tlsPort();
    }

    /**
     * The certificates the TLS listener serves: {@link Certificates#put} and
     * {@link Certificates#remove} change them for the next handshake, without a restart.
     */
    public Certificates certificates() {
        return certificates;
    }

    /** The data plane's port, once serving; -1 before. */
    public int port() {
        return proxy == null ? -1 : proxy.port();
    }
}
