package dev.runway.router.bench;

import dev.runway.events.model.Endpoint;
import dev.runway.events.model.ServiceStatus;
import dev.runway.router.proxy.ProxyServer;
import dev.runway.router.proxy.ProxySettings;
import dev.runway.router.proxy.TlsSettings;
import dev.runway.router.route.Route;
import dev.runway.router.route.RouteTable;
import dev.runway.router.tls.Certificates;
import dev.runway.router.tls.PemFiles;
import dev.runway.router.tls.ServingCertificate;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import dev.runway.router.metrics.TrafficMeter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The router's data plane alone, for {@code bench/router-vs-nginx.sh}: the production
 * {@link ProxyServer} and traffic meter, with one route filled by hand instead of from the registry
 * and Kafka.
 *
 * <p>Arguments: {@code <port> <host to route> <backend port> <event loops>}, then optionally
 * {@code --tls <port> <certificate PEM> <key PEM>} (a TLS listener serving that certificate) and
 * {@code --route <host> <backend port>} (a second route, e.g. to a backend behind a pasta
 * forwarder). Runs until killed.
 */
public final class BenchRouter {

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: BenchRouter <port> <host> <backend port> <event loops>"
                    + " [--tls <port> <certificate PEM> <key PEM>] [--route <host> <backend port>]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        int loops = Integer.parseInt(args[3]);
        List<Route> routes = new ArrayList<>(List.of(route(0, args[1], Integer.parseInt(args[2]))));
        TlsSettings tls = TlsSettings.off();
        for (int i = 4; i < args.length; i++) {
            if (args[i].equals("--tls")) {
                Certificates certificates = new Certificates();
                certificates.put("bench", ServingCertificate.of(PemFiles.chain(Files.readAllBytes(Path.of(args[i + 2]))),
                        PemFiles.key(Files.readString(Path.of(args[i + 3])))));
                tls = new TlsSettings(Integer.parseInt(args[i + 1]), certificates, false, 0);
                i += 3;
            } else if (args[i].equals("--route")) {
                routes.add(route(routes.size(), args[i + 1], Integer.parseInt(args[i + 2])));
                i += 2;
            } else {
                System.err.println("unknown argument " + args[i]);
                System.exit(2);
            }
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        RouteTable table = new RouteTable();
        table.loadSnapshot(routes);
        ProxySettings settings = new ProxySettings("127.0.0.1", port, loops, Duration.ofSeconds(5),
                Duration.ofSeconds(30), 512, 3, Duration.ofSeconds(120), 10_000, 1, 0);
        // The production traffic meter, looked at and closed as MetricsPublisher does (figures dropped: no Kafka here)
        TrafficMeter meter = new TrafficMeter("bench");
        ProxyServer proxy = new ProxyServer(vertx, table, settings, meter, tls);
        ScheduledExecutorService metrics = Executors.newSingleThreadScheduledExecutor();
        metrics.scheduleAtFixedRate(() -> meter.sample(table.routes(), proxy::inFlight, proxy::waiting), 100, 100,
                TimeUnit.MILLISECONDS);
        metrics.scheduleAtFixedRate(() -> meter.close(Instant.now(), 1000), 1, 1, TimeUnit.SECONDS);
        int bound = proxy.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        System.out.println("bench router on 127.0.0.1:" + bound + (tls.enabled() ? " and TLS " + proxy.tlsPort() : "")
                + " (" + loops + " event loops): " + routes.stream().map(r -> r.host() + " → 127.0.0.1:"
                + r.endpoints().get(0).port()).toList());
        new CountDownLatch(1).await();
    }

    /** MaxConcurrency far above the bench's connections: the limit is checked but never reached. */
    private static Route route(int n, String host, int backendPort) {
        return new Route("arn:aws:apprunner:us-east-1:000000000000:service/bench" + n + "/0", "bench" + n, host,
                ServiceStatus.RUNNING, 1, List.of(new Endpoint("backend" + n, "127.0.0.1", backendPort)), 10_000, 1);
    }

    private BenchRouter() {
    }
}
