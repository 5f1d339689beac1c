package dev.runway.deployworker.metrics;

import dev.runway.deployworker.config.WorkerConfig;
import dev.runway.deployworker.engine.Container;
import dev.runway.deployworker.engine.ContainerEngine;
import dev.runway.deployworker.engine.ContainerUsage;
import dev.runway.deployworker.messaging.OwnedPartitions;
import dev.runway.deployworker.rollout.Labels;
import dev.runway.events.Envelope;
import dev.runway.events.Topics;
import dev.runway.events.metrics.InstancesMeasured;
import dev.runway.events.metrics.ServiceDimensions;
import dev.runway.events.wire.EnvelopeCodec;
import dev.runway.events.wire.KafkaSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Reads the CPU and memory of every running instance of the services this deploy-worker owns
 * ({@link OwnedPartitions}, so several workers never report a service twice) every
 * {@code runway.metrics.usage-interval}, and publishes one {@link InstancesMeasured} per service on
 * {@code runway.metrics}. The same figures are Micrometer gauges (Prometheus text at
 * {@code /q/metrics}): {@code apprunner_cpu_utilization_percent}, {@code apprunner_memory_utilization_percent}
 * per service ({@code service_name}, {@code service_id}) and {@code apprunner_instance_...} per
 * {@code instance}. A reading that fails is a gap, never an error for anyone else.
 */
@Singleton
public class UsagePublisher {

    private static final String SOURCE = "deploy-worker-" + ProcessHandle.current().pid();

    private final WorkerConfig config;
    private final ContainerEngine engine;
    private final OwnedPartitions owned;
    private final MeterRegistry meters;
    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService timer;
    private ExecutorService readers;
    private KafkaProducer<String, byte[]> producer;
    private long failures;

    UsagePublisher(WorkerConfig config, ContainerEngine engine, OwnedPartitions owned, MeterRegistry meters) {
        this.config = config;
        this.engine = engine;
        this.owned = owned;
        this.meters = meters;
    }

    void onStart(@Observes StartupEvent event) {
        producer = new KafkaProducer<>(KafkaSettings.producer(config.kafka().bootstrapServers(), SOURCE + "-metrics"));
        readers = Executors.newFixedThreadPool(4, daemon("usage-reader"));
        timer = Executors.newSingleThreadScheduledExecutor(daemon("usage-publisher"));
        long interval = config.metrics().usageInterval().toMillis();
        timer.scheduleWithFixedDelay(this::measure, interval, interval, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
            readers.shutdownNow();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
        }
    }

    private void measure() {
        try {
            Map<String, Map<String, CompletableFuture<Optional<ContainerUsage>>>> byService = new TreeMap<>();
            for (Container c : engine.containers(Map.of(Labels.PLATFORM, config.platformId()))) {
                String arn = c.label(Labels.SERVICE_ARN);
                String instance = c.label(Labels.INSTANCE);
                if (!c.running() || arn == null || instance == null || !owned.owns(arn)) {
                    continue;
                }
                // the engine takes about a second per non-streamed reading: read a few at once
                byService.computeIfAbsent(arn, a -> new TreeMap<>()).put(instance,
                        CompletableFuture.supplyAsync(() -> engine.usage(c.id()), readers));
            }
            for (var service : byService.entrySet()) {
                Map<String, InstancesMeasured.Usage> instances = new HashMap<>();
                for (var instance : service.getValue().entrySet()) {
                    read(instance.getValue()).ifPresent(u -> instances.put(instance.getKey(),
                            new InstancesMeasured.Usage(u.cpuPercent(), u.memoryPercent())));
                }
                publish(new InstancesMeasured(service.getKey(), SOURCE, Clock.systemUTC().instant(),
                        service.getValue().size(), average(instances), instances));
            }
            forget(byService.keySet());
        } catch (RuntimeException e) {
            if (failures++ % 12 == 0) {
                Log.warnf("instances' CPU and memory not measured: %s", e.toString());
            }
        }
    }

    private static Optional<ContainerUsage> read(CompletableFuture<Optional<ContainerUsage>> reading) {
        try {
            return reading.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** App Runner's service-level utilisation: the instances' average. */
    static InstancesMeasured.Usage average(Map<String, InstancesMeasured.Usage> instances) {
        if (instances.isEmpty()) {
            return new InstancesMeasured.Usage(0, 0);
        }
        double cpu = 0;
        double memory = 0;
        for (InstancesMeasured.Usage u : instances.values()) {
            cpu += u.cpuPercent();
            memory += u.memoryPercent();
        }
        return new InstancesMeasured.Usage(Math.round(cpu / instances.size() * 100) / 100.0,
                Math.round(memory / instances.size() * 100) / 100.0);
    }

    private void publish(InstancesMeasured measured) {
        ServiceDimensions dims = ServiceDimensions.of(measured.serviceArn());
        Tags service = Tags.of("service_name", dims.serviceName(), "service_id", dims.serviceId());
        gauge(measured.serviceArn(), "apprunner.cpu.utilization", service, measured.service().cpuPercent());
        gauge(measured.serviceArn(), "apprunner.memory.utilization", service, measured.service().memoryPercent());
        measured.instances().forEach((instance, usage) -> {
            Tags tags = service.and("instance", instance);
            gauge(measured.serviceArn(), "apprunner.instance.cpu.utilization", tags, usage.cpuPercent());
            gauge(measured.serviceArn(), "apprunner.instance.memory.utilization", tags, usage.memoryPercent());
        });
        seen.add(measured.serviceArn());
        Envelope envelope = Envelope.first(SOURCE, measured, UUID.randomUUID());
        producer.send(new ProducerRecord<>(Topics.METRICS, measured.serviceArn(), EnvelopeCodec.toBytes(envelope)),
                (meta, err) -> {
                    if (err != null) {
                        Log.debugf("instances' figures not published: %s", err.toString());
                    }
                });
    }

    /** Drops the gauges of services with no running instance here any more (deleted, paused, moved). */
    private void forget(Set<String> current) {
        for (String arn : List.copyOf(seen)) {
            if (current.contains(arn)) {
                continue;
            }
            ServiceDimensions dims = ServiceDimensions.of(arn);
            for (var meter : new ArrayList<>(meters.getMeters())) {
                if (meter.getId().getName().startsWith("apprunner.")
                        && dims.serviceId().equals(meter.getId().getTag("service_id"))) {
                    meters.remove(meter);
                }
            }
            gauges.keySet().removeIf(k -> k.startsWith(arn + "|"));
            seen.remove(arn);
        }
    }

    private void gauge(String arn, String name, Tags tags, double value) {
        gauges.computeIfAbsent(arn + "|" + name + tags, k -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder(name, holder, h -> Double.longBitsToDouble(h.get())).baseUnit("percent").tags(tags)
                    .description("Percent of the instance's configured " + (name.contains("cpu") ? "vCPU" : "memory")
                            + " (App Runner: " + (name.contains("cpu") ? "CPUUtilization" : "MemoryUtilization") + ")")
                    .register(meters);
            return holder;
        }).set(Double.doubleToLongBits(value));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
