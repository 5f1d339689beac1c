package dev.runway.gateway.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.Topics;
import dev.runway.events.model.EventTarget;
import dev.runway.events.query.EventRuleSnapshot;
import dev.runway.events.wire.Json;
import dev.runway.events.wire.KafkaSettings;
import dev.runway.gateway.config.GatewayConfig;
import dev.runway.gateway.eventbridge.InputShaping;
import dev.runway.gateway.feed.FeedProducer;
import dev.runway.gateway.protocol.ApiError;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Delivers the public feed to rule targets. Consumer group {@code api-gateway-delivery} on
 * {@code runway.public-events}: the key is the service ARN, so one service's events are in one
 * partition and one gateway instance delivers them, one after another, in order. An event's
 * offset is committed only once every matching target took it or it was dead-lettered (written
 * to {@code runway.dead-letters} and acknowledged): a crash redelivers, never loses
 * (at-least-once; a redelivered event has the same {@code id}). Retries back off exponentially
 * (100 ms doubling, at most 5 s apart) within the target's RetryPolicy, holding back the
 * partition's later events meanwhile, which is what keeps the order.
 */
@ApplicationScoped
public class DeliveryWorker {

    static final String GROUP = "api-gateway-delivery";

    private final GatewayConfig config;
    private final EventRuleIndex rules;
    private final FeedProducer producer;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private WebhookSender sender;
    private Thread thread;

    public DeliveryWorker(GatewayConfig config, EventRuleIndex rules, FeedProducer producer) {
        this.config = config;
        this.rules = rules;
        this.producer = producer;
    }

    void start(@Observes StartupEvent ignored) {
        sender = new WebhookSender(config.events().signingSecret());
        running.set(true);
        thread = new Thread(this::run, "event-delivery");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        running.set(false);
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            thread.interrupt();
            thread.join(5_000);
        }
    }

    private void run() {
        while (running.get()) {
            Properties settings = KafkaSettings.workConsumer(config.kafka().bootstrapServers(), GROUP,
                    GROUP + "-" + UUID.randomUUID().toString().substring(0, 8));
            // a partition waits while a target is retried (up to its maximum event age, at most 24 h)
            settings.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Duration.ofHours(25).toMillis());
            settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(settings)) {
                consumer = c;
                c.subscribe(List.of(Topics.PUBLIC_EVENTS));
                while (running.get()) {
                    var records = c.poll(Duration.ofMillis(500));
                    if (records.isEmpty()) {
                        continue;
                    }
                    EventRuleIndex.Compiled compiled = currentRules();
                    for (ConsumerRecord<String, byte[]> record : records) {
                        if (!deliver(record, compiled)) {
                            return; // shutting down: nothing more is committed
                        }
                        c.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                                new OffsetAndMetadata(record.offset() + 1)));
                    }
                }
            } catch (WakeupException e) {
                // shutting down
            } catch (RuntimeException e) {
                Log.errorf(e, "event delivery: restarting after an error (uncommitted events are delivered again)");
                sleep(1_000);
            }
        }
    }

    private EventRuleIndex.Compiled currentRules() {
        while (true) {
            try {
                return rules.refresh();
            } catch (ApiError e) {
                Log.warnf("event delivery waits for the service registry: %s", e.getMessage());
                sleep(1_000);
                if (!running.get()) {
                    throw new WakeupException();
                }
            }
        }
    }

    /** False only when stopping before the event was settled. */
    private boolean deliver(ConsumerRecord<String, byte[]> record, EventRuleIndex.Compiled compiled) {
        String json = new String(record.value(), StandardCharsets.UTF_8);
        JsonNode event;
        try {
            event = Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            Log.warnf("event delivery: skipping unreadable %s-%d@%d", record.topic(), record.partition(), record.offset());
            return true;
        }
        for (EventRuleSnapshot.Rule rule : compiled.matching(json)) {
            for (EventTarget target : rule.targets()) {
                if (!deliver(event, rule, target)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean deliver(JsonNode event, EventRuleSnapshot.Rule rule, EventTarget target) {
        String id = event.path("id").asText();
        String body = InputShaping.body(event, target);
        Instant eventTime = eventTime(event);
        int attempt = 0;
        String failure;
        while (true) {
            attempt++;
            failure = sender.post(target.url(), target.headers(), body, id, rule.name(), attempt);
            if (failure == null) {
                return true;
            }
            if (!running.get()) {
                return false;
            }
            long backoff = Math.min(5_000, 100L << Math.min(attempt - 1, 10));
            boolean outOfAttempts = attempt > target.maximumRetryAttempts();
            boolean tooOld = Instant.now().plusMillis(backoff)
                    .isAfter(eventTime.plusSeconds(target.maximumEventAgeInSeconds()));
            if (outOfAttempts || tooOld) {
                break;
            }
            Log.debugf("delivery of %s to %s/%s failed (%s); retry %d in %d ms", id, rule.name(), target.id(), failure,
                    attempt, backoff);
            sleep(backoff);
        }
        Log.warnf("event %s undeliverable to rule %s target %s after %d attempt(s): %s; dead-lettered", id,
                rule.name(), target.id(), attempt, failure);
        return deadLetter(event, rule, target, attempt, failure);
    }

    private boolean deadLetter(JsonNode event, EventRuleSnapshot.Rule rule, EventTarget target, int attempts,
            String failure) {
        ObjectNode letter = Json.MAPPER.createObjectNode();
        letter.put("Rule", rule.name());
        letter.put("RuleArn", rule.ruleArn());
        letter.put("TargetId", target.id());
        letter.put("TargetArn", target.url());
        letter.put("DeadLetterArn", target.deadLetterArn());
        letter.put("Attempts", attempts);
        letter.put("LastError", failure);
        letter.put("DeadLetteredAt", Instant.now().toString());
        letter.set("Event", event);
        while (running.get()) {
            try {
                producer.sendAll(List.of(new FeedProducer.Out(Topics.DEAD_LETTERS, rule.ruleArn(), letter.toString())),
                        Duration.ofSeconds(30));
                return true;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                Log.warnf("could not record a dead letter (%s); trying again", e.getMessage());
                sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static Instant eventTime(JsonNode event) {
        try {
            return Instant.parse(event.path("time").asText());
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.now();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
