package dev.runway.gateway.messaging;

import dev.runway.events.Envelope;
import dev.runway.events.Topics;
import dev.runway.events.command.Command;
import dev.runway.events.reply.Reply;
import dev.runway.events.wire.EnvelopeCodec;
import dev.runway.events.wire.KafkaSettings;
import dev.runway.gateway.config.GatewayConfig;
import dev.runway.gateway.protocol.ApiError;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Sends commands to the service-registry and waits for its verdict. Every gateway instance reads
 * all of {@code runway.replies} from the end (no group), so whichever instance holds the caller's
 * connection sees the answer.
 */
@ApplicationScoped
public class CommandBus {

    static final String SOURCE = "api-gateway";

    private final GatewayConfig config;
    private final Map<UUID, CompletableFuture<Reply>> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean listening = new AtomicBoolean();
    private KafkaProducer<String, byte[]> producer;
    private volatile KafkaConsumer<String, byte[]> replies;
    private Thread thread;

    public CommandBus(GatewayConfig config) {
        this.config = config;
    }

    void start(@Observes StartupEvent ignored) {
        producer = new KafkaProducer<>(boundedProducer(config.kafka().bootstrapServers(), sendTimeout()));
        running.set(true);
        thread = new Thread(this::listen, "reply-listener");
        thread.start();
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        running.set(false);
        KafkaConsumer<String, byte[]> c = replies;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            thread.join(5_000);
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** True once replies are being read from their end, so no verdict can be missed. */
    public boolean isListening() {
        return listening.get();
    }

    /**
     * Publishes {@code command} (keyed by its resource ARN) and returns the registry's reply, or
     * throws an InternalServiceErrorException after the configured wait.
     */
    /**
     * How long handing a command to Kafka may take: well inside the verdict timeout, so a caller
     * hears "not sent" from the producer itself rather than an ambiguous "may still complete".
     */
    private Duration sendTimeout() {
        long verdict = config.gateway().verdictTimeout().toMillis();
        return Duration.ofMillis(Math.max(2_000, verdict / 2));
    }

    /** The shared producer settings, bounded: blocking for metadata, each request and the whole delivery. */
    static java.util.Properties boundedProducer(String bootstrapServers, Duration sendTimeout) {
        java.util.Properties p = KafkaSettings.producer(bootstrapServers, "api-gateway");
        long total = sendTimeout.toMillis();
        p.put(org.apache.kafka.clients.producer.ProducerConfig.MAX_BLOCK_MS_CONFIG, total / 2);
        p.put(org.apache.kafka.clients.producer.ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (total / 2));
        p.put(org.apache.kafka.clients.producer.ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) total);
        return p;
    }

    public Reply send(Command command, UUID correlationId, String operationName) {
        if (!listening.get()) {
            throw ApiError.internal("Runway's API is still starting (not yet listening for the registry's replies)."
                    + " Try again in a few seconds.");
        }
        Envelope envelope = Envelope.first(SOURCE, command, correlationId);
        CompletableFuture<Reply> verdict = new CompletableFuture<>();
        pending.put(envelope.id(), verdict);
        Duration timeout = config.gateway().verdictTimeout();
        try {
            try {
                // the producer's own bounds end this first; the margin only guards against a stuck client
                producer.send(new ProducerRecord<>(Topics.COMMANDS, envelope.resourceArn(), EnvelopeCodec.toBytes(envelope)))
                        .get(sendTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException | org.apache.kafka.common.KafkaException e) {
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                throw ApiError.internal("Could not hand " + operationName + " to the platform's message bus within "
                        + sendTimeout().toSeconds() + " s (" + cause.getMessage() + "), so nothing was changed."
                        + " Try again; ./runway status shows whether Kafka runs.");
            }
            return verdict.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw ApiError.internal("The service registry did not confirm " + operationName + " within "
                    + timeout.toSeconds() + " s. It may still complete: check with describe-service or list-services"
                    + " before retrying. (./runway status shows whether every component runs.)");
        } catch (ExecutionException e) {
            throw ApiError.internal("The registry's verdict on " + operationName + " failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.internal("Interrupted while waiting for the registry");
        } finally {
            pending.remove(envelope.id());
        }
    }

    /** Listens for verdicts until the gateway stops; a failed client is replaced, never given up on. */
    private void listen() {
        while (running.get()) {
            listenOnce();
            if (running.get()) {
                Log.warn("reply listener stopped; listening again in 1 s");
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void listenOnce() {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(
                KafkaSettings.followerConsumer(config.kafka().bootstrapServers(), "api-gateway-replies"))) {
            replies = c;
            List<TopicPartition> partitions = awaitPartitions(c);
            c.assign(partitions);
            c.seekToEnd(partitions);
            partitions.forEach(c::position); // resolve the end now: replies from here on are ours to see
            listening.set(true);
            Log.infof("api-gateway listening for verdicts on %s (%d partitions)", Topics.REPLIES, partitions.size());
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
                    complete(record);
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                Log.warn("reply listener woken unexpectedly");
            }
        } catch (RuntimeException e) {
            Log.error("reply listener failed", e);
        } finally {
            listening.set(false);
        }
    }

    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, byte[]> c) {
        while (running.get()) {
            try {
                var infos = c.partitionsFor(Topics.REPLIES, Duration.ofSeconds(5));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                Log.infof("waiting for Kafka topic %s ...", Topics.REPLIES);
            }
        }
        throw new WakeupException();
    }

    private void complete(ConsumerRecord<String, byte[]> record) {
        try {
            if (EnvelopeCodec.fromBytes(record.value()).payload() instanceof Reply reply) {
                CompletableFuture<Reply> waiting = pending.get(reply.commandId());
                if (waiting != null) {
                    waiting.complete(reply);
                }
            }
        } catch (RuntimeException e) {
            Log.warnf("skipping unreadable reply at offset %d: %s", record.offset(), e.getMessage());
        }
    }
}
