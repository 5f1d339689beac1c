package dev.runway.router.metrics;

import dev.runway.events.Envelope;
import dev.runway.events.Topics;
import dev.runway.events.metrics.TrafficMeasured;
import dev.runway.events.wire.EnvelopeCodec;
import dev.runway.router.proxy.ProxyServer;
import dev.runway.router.route.RouteTable;
import io.quarkus.logging.Log;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes the router's traffic figures on {@code runway.metrics}: one {@link TrafficMeasured} per
 * service and period, key the service ARN. Looks at the load ten times a period. Runs on a thread
 * of its own, so a slow Kafka never holds an event loop; a lost period is only a gap in the figures.
 * The same figures feed the Prometheus counters ({@link PrometheusFigures}) before they are sent.
 */
public final class MetricsPublisher implements AutoCloseable {

    private static final int LOOKS_PER_PERIOD = 10;

    private final TrafficMeter meter;
    private final RouteTable routes;
    private final ProxyServer proxy;
    private final Producer<String, byte[]> producer;
    private final Duration period;
    private final Clock clock;
    private final PrometheusFigures prometheus;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "router-metrics");
        t.setDaemon(true);
        return t;
    });
    private volatile long failures;

    public MetricsPublisher(TrafficMeter meter, RouteTable routes, ProxyServer proxy, Producer<String, byte[]> producer,
            Duration period, Clock clock, PrometheusFigures prometheus) {
        this.meter = meter;
        this.routes = routes;
        this.proxy = proxy;
        this.producer = producer;
        this.period = period;
        this.clock = clock;
        this.prometheus = prometheus;
    }

    public void start() {
        long periodMillis = period.toMillis();
        timer.scheduleAtFixedRate(this::look, periodMillis / LOOKS_PER_PERIOD, periodMillis / LOOKS_PER_PERIOD,
                TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(this::publish, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void look() {
        try {
            meter.sample(routes.routes(), proxy::inFlight, proxy::waiting);
        } catch (RuntimeException e) {
            Log.warnf("could not sample the router's load: %s", e.toString());
        }
    }

    private void publish() {
        try {
            List<TrafficMeasured> figures = meter.close(clock.instant(), period.toMillis());
            // Prometheus first: its counts do not depend on Kafka being reachable
            for (TrafficMeasured measured : figures) {
                prometheus.record(measured);
            }
            prometheus.routes(routes.routes());
            for (TrafficMeasured measured : figures) {
                Envelope envelope = Envelope.first("router", measured, UUID.randomUUID());
                producer.send(new ProducerRecord<>(Topics.METRICS, measured.serviceArn(), EnvelopeCodec.toBytes(envelope)),
                        (meta, err) -> {
                            if (err != null && failures++ % 60 == 0) {
                                Log.warnf("router metrics not published (%s); figures of this period are lost",
                                        err.toString());
                            }
                        });
            }
        } catch (RuntimeException e) {
            Log.warnf("router metrics not published: %s", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        producer.close(Duration.ofSeconds(2));
    }
}
