package dev.runway.router.bench;

import dev.runway.events.model.Endpoint;
import dev.runway.events.model.ServiceStatus;
import dev.runway.router.proxy.ProxyServer;
import dev.runway.router.proxy.ProxySettings;
import dev.runway.router.route.Route;
import dev.runway.router.route.RouteTable;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import dev.runway.router.metrics.TrafficMeter;
import java.time.Duration;
import java.time.Instant;
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
 * <p>Arguments: {@code <port> <host to route> <backend port> <event loops>}. Runs until killed.
 */
public final class BenchRouter {

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: BenchRouter <port> <host> <backend port> <event loops>");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        String host = args[1];
        int backendPort = Integer.parseInt(args[2]);
        int loops = Integer.parseInt(args[3]);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        RouteTable table = new RouteTable();
        // MaxConcurrency far above the bench's connections: the limit is checked but never reached
        table.loadSnapshot(List.of(new Route("arn:aws:apprunner:us-east-1:000000000000:service/bench/0", "bench", host,
                ServiceStatus.RUNNING, 1, List.of(new Endpoint("backend", "127.0.0.1", backendPort)), 10_000, 1)));
        ProxySettings settings = new ProxySettings("127.0.0.1", port, loops, Duration.ofSeconds(5),
                Duration.ofSeconds(30), 512, 3, Duration.ofSeconds(120), 10_000, 1, 0);
        // The production traffic meter, looked at and closed as MetricsPublisher does (figures dropped: no Kafka here)
        TrafficMeter meter = new TrafficMeter("bench");
        ProxyServer proxy = new ProxyServer(vertx, table, settings, meter);
        ScheduledExecutorService metrics = Executors.newSingleThreadScheduledExecutor();
        metrics.scheduleAtFixedRate(() -> meter.sample(table.routes(), proxy::inFlight, proxy::waiting), 100, 100,
                TimeUnit.MILLISECONDS);
        metrics.scheduleAtFixedRate(() -> meter.close(Instant.now(), 1000), 1, 1, TimeUnit.SECONDS);
        int bound = proxy.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        System.out.println("bench router on 127.0.0.1:" + bound + " (" + loops + " event loops) → 127.0.0.1:"
                + backendPort + " for Host " + host);
        new CountDownLatch(1).await();
    }

    private BenchRouter() {
    }
}
