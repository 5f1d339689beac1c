package dev.runway.gateway.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.Topics;
import dev.runway.events.model.EventTarget;
import dev.runway.events.query.EventRuleSnapshot;
import dev.runway.events.wire.DeadLetters;
import dev.runway.events.wire.Failures;
import dev.runway.events.wire.Json;
import dev.runway.events.wire.KafkaSettings;
import dev.runway.gateway.config.GatewayConfig;
import dev.runway.gateway.config.GatewaySecrets;
import dev.runway.gateway.config.RotatingSecret;
import dev.runway.gateway.eventbridge.InputShaping;
import dev.runway.events.net.AddressGuard;
import dev.runway.gateway.eventbridge.EventTargets;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Delivers the public feed to rule targets. Consumer group {@code api-gateway-delivery} on
 * {@code runway.public-events}: the key is the service ARN, so one service's events are in one
 * partition and one gateway instance delivers them. Each matching rule target has its own lane
 * ({@link DeliveryLanes}): a target gets its events one after another, in order, and a target
 * that fails is retried (backoff 100 ms doubling, at most 5 s apart, within its RetryPolicy)
 * without holding back other targets or rules on the same partition. An event's offset is
 * committed only once every delivery of it and of the partition's earlier events is settled:
 * delivered (2xx), dead-lettered, or abandoned because its rule or target was deleted (or the
 * rule disabled) meanwhile; the last two are recorded on {@code runway.dead-letters} with their
 * outcome before the commit. A crash redelivers, never loses (at-least-once; a redelivered event
 * has the same {@code id}). A partition with {@value #MAX_OPEN_EVENTS} events not yet settled
 * pauses until its oldest settle, which the retry policy bounds.
 */
@ApplicationScoped
public class DeliveryWorker {

    static final String GROUP = "api-gateway-delivery";
    static final int MAX_OPEN_EVENTS = 1_000;
    /** How long one round tries due deliveries before it polls and commits again. */
    static final long ROUND_MILLIS = 2_000;

    /** Why a delivery ended without the target taking the event (the dead letter's Outcome). */
    static final String RETRIES_EXHAUSTED = "RetriesExhausted";
    static final String EVENT_TOO_OLD = "MaximumEventAgeExceeded";
    /** The target is on an internal address or a platform port (EventTargets). */
    static final String TARGET_REFUSED = "TargetRefused";
    static final String RULE_DELETED = "RuleDeleted";
    static final String RULE_DISABLED = "RuleDisabled";
    static final String TARGET_REMOVED = "TargetRemoved";

    private final GatewayConfig config;
    private final EventRuleIndex rules;
    private final FeedProducer producer;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private WebhookSender sender;
    private Thread thread;
    private RuleSet lastRules;

    private final DeadLetters deadLetters;
    private final AddressGuard guard;

    private final RotatingSecret signingKeys;

    public DeliveryWorker(GatewayConfig config, GatewaySecrets secrets, EventRuleIndex rules, FeedProducer producer) {
        this.config = config;
        this.signingKeys = secrets.signing();
        this.rules = rules;
        this.producer = producer;
        this.deadLetters = new DeadLetters(config.kafka().bootstrapServers(), GROUP);
        this.guard = EventTargets.guard(config.events());
    }

    void start(@Observes StartupEvent ignored) {
        signingSecret(signingKeys.current());
        // the keys in force at each delivery: a rotated file is read again, the replaced key signs too for its grace
        sender = new WebhookSender(() -> signingKeys.inForce().stream().filter(DeliveryWorker::acceptableKey).toList());
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
            // a round tries due deliveries for about ROUND_MILLIS (plus one HTTP timeout) between polls
            settings.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Duration.ofMinutes(10).toMillis());
            settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
            DeliveryLanes lanes = new DeliveryLanes();
            Set<TopicPartition> paused = new HashSet<>();
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(settings)) {
                consumer = c;
                c.subscribe(List.of(Topics.PUBLIC_EVENTS), new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                        commit(c, lanes);
                        forget(partitions);
                    }

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        // new partitions start at their committed offset
                    }

                    @Override
                    public void onPartitionsLost(Collection<TopicPartition> partitions) {
                        forget(partitions);
                    }

                    private void forget(Collection<TopicPartition> partitions) {
                        lanes.drop(partitions.stream().map(TopicPartition::partition).toList());
                        paused.removeAll(partitions);
                    }
                });
                while (running.get()) {
                    RuleSet current = currentRules();
                    holdBack(c, lanes, paused, current == null);
                    long wait = Math.max(0, Math.min(500, lanes.nextDue() - System.currentTimeMillis()));
                    for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(wait))) {
                        take(record, lanes, current != null ? current : lastRules);
                    }
                    if (!tryDue(lanes, current != null ? current : lastRules)) {
                        return; // shutting down: nothing more is committed
                    }
                    commit(c, lanes);
                }
            } catch (WakeupException e) {
                // shutting down
            } catch (RuntimeException e) {
                Log.errorf(e, "event delivery: restarting after an error (uncommitted events are delivered again)");
                sleep(1_000);
            }
        }
    }

    /** The rules now, or null while the registry cannot be read (then nothing new is consumed). */
    private RuleSet currentRules() {
        try {
            lastRules = rules.refresh();
            return lastRules;
        } catch (ApiError e) {
            Log.warnf("event delivery waits for the service registry to match new events: %s", e.getMessage());
            sleep(500);
            return null;
        }
    }

    /** Pauses partitions with too many unsettled events, or all while the rules are unknown. */
    private static void holdBack(KafkaConsumer<String, byte[]> c, DeliveryLanes lanes, Set<TopicPartition> paused,
            boolean all) {
        for (TopicPartition p : c.assignment()) {
            boolean hold = all || lanes.openEvents(p.partition()) >= MAX_OPEN_EVENTS;
            if (hold && paused.add(p)) {
                c.pause(List.of(p));
                if (!all) {
                    Log.warnf("event delivery: %s has %d events waiting on a failing target; pausing it until they settle",
                            p, lanes.openEvents(p.partition()));
                }
            } else if (!hold && paused.remove(p)) {
                c.resume(List.of(p));
            }
        }
    }

    /**
     * Matches one event and queues its deliveries. An event that cannot be read or matched (not
     * a JSON object, or one the matcher throws on) is dead-lettered and settled at once, so it
     * never holds back its partition nor restarts delivery for ever.
     */
    private void take(ConsumerRecord<String, byte[]> record, DeliveryLanes lanes, RuleSet rules) {
        String json = new String(record.value() == null ? new byte[0] : record.value(), StandardCharsets.UTF_8);
        JsonNode event;
        List<DeliveryLanes.Route> routes = new ArrayList<>();
        try {
            event = Json.MAPPER.readTree(json);
            if (event == null || !event.isObject()) {
                throw new IllegalArgumentException("not an event: the record is not a JSON object");
            }
            if (rules != null) {
                for (EventRuleSnapshot.Rule rule : rules.matching(json)) {
                    for (EventTarget target : rule.targets()) {
                        routes.add(new DeliveryLanes.Route(rule.ruleArn(), rule.name(), target));
                    }
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            if (!deadLetters.send(record, GROUP, "cannot match: " + Failures.rootMessage(e))) {
                throw new IllegalStateException("could not dead-letter " + record.topic() + "-" + record.partition()
                        + "@" + record.offset() + "; delivery starts again from the last commit", e);
            }
            lanes.add(record.partition(), record.offset(), null, List.of());
            return;
        }
        lanes.add(record.partition(), record.offset(), event, routes);
    }

    /** Tries the due lane heads for about one round; false only when stopping before one was settled. */
    private boolean tryDue(DeliveryLanes lanes, RuleSet rules) {
        long started = System.currentTimeMillis();
        for (DeliveryLanes.Delivery d : lanes.due(started)) {
            if (!running.get()) {
                return false;
            }
            EventRuleSnapshot.Rule rule = rules == null ? null : rules.rule(d.ruleArn);
            EventTarget target = rules == null ? null : rules.target(d.ruleArn, d.targetId);
            String abandoned = rule == null ? RULE_DELETED : target == null ? TARGET_REMOVED
                    : !rule.enabled() ? RULE_DISABLED : null;
            if (abandoned != null) {
                Log.infof("event %s to rule %s target %s: %s, not delivered", d.event.path("id").asText(), d.ruleName,
                        d.targetId, abandoned);
                if (!record(d, d.matchedTarget, abandoned)) {
                    return false;
                }
                lanes.settle(d);
            } else if (!attempt(d, rule, target, lanes)) {
                return false;
            }
            if (System.currentTimeMillis() - started > ROUND_MILLIS) {
                break;
            }
        }
        return true;
    }

    /** Keys anybody could know; the one Runway once shipped as its default among them. */
    private static final Set<String> KNOWN_SECRETS = Set.of("runway-dev-signing-secret", "changeme", "secret");

    /**
     * The signing key, refused when it is missing, short or known: subscribers trust a signature
     * only as far as nobody else has the key.
     */
    static String signingSecret(Optional<String> configured) {
        String secret = configured.map(String::strip).orElse("");
        if (secret.isEmpty()) {
            throw new IllegalStateException("RUNWAY_EVENTS_SIGNING_SECRET is not set: webhook deliveries need a key of"
                    + " this installation's own (./runway up and the compose stack make one at first start).");
        }
        if (secret.length() < 16 || KNOWN_SECRETS.contains(secret)) {
            throw new IllegalStateException("RUNWAY_EVENTS_SIGNING_SECRET is a known or short key: set 16 or more"
                    + " random characters, e.g. $(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \\n').");
        }
        return secret;
    }

    private static boolean acceptableKey(String key) {
        try {
            signingSecret(Optional.of(key));
            return true;
        } catch (IllegalStateException e) {
            Log.errorf("the webhook signing key in force is refused (%s): deliveries are not signed with it", e.getMessage());
            return false;
        }
    }

    /** One attempt; on failure the next is scheduled, or the event dead-lettered when the policy is spent. */
    private boolean attempt(DeliveryLanes.Delivery d, EventRuleSnapshot.Rule rule, EventTarget target,
            DeliveryLanes lanes) {
        String id = d.event.path("id").asText();
        d.attempts++;
        Optional<String> refused = guard.refusalResolved(target.url());
        if (refused.isPresent()) {
            // checked again here: the name may point somewhere else since PutTargets; never retried
            d.lastFailure = "the target " + target.url() + " is refused: " + refused.get();
            Log.warnf("event %s not delivered to rule %s target %s: %s; dead-lettered", id, rule.name(), target.id(),
                    d.lastFailure);
            if (!record(d, target, TARGET_REFUSED)) {
                return false;
            }
            lanes.settle(d);
            return true;
        }
        String failure = sender.post(target.url(), target.headers(), InputShaping.body(d.event, target), id, rule.name(),
                d.attempts);
        if (failure == null) {
            lanes.settle(d);
            return true;
        }
        d.lastFailure = failure;
        long now = System.currentTimeMillis();
        long backoff = Math.min(5_000, 100L << Math.min(d.attempts - 1, 10));
        boolean outOfAttempts = d.attempts > target.maximumRetryAttempts();
        boolean tooOld = now + backoff > eventTime(d.event).plusSeconds(target.maximumEventAgeInSeconds()).toEpochMilli();
        if (!outOfAttempts && !tooOld) {
            Log.debugf("delivery of %s to %s/%s failed (%s); retry %d in %d ms", id, rule.name(), target.id(), failure,
                    d.attempts, backoff);
            d.nextAttemptAt = now + backoff;
            return true;
        }
        Log.warnf("event %s undeliverable to rule %s target %s after %d attempt(s): %s; dead-lettered", id,
                rule.name(), target.id(), d.attempts, failure);
        if (!record(d, target, outOfAttempts ? RETRIES_EXHAUSTED : EVENT_TOO_OLD)) {
            return false;
        }
        lanes.settle(d);
        return true;
    }

    /** Writes the delivery's outcome to the dead-letter topic; false only when stopping first. */
    private boolean record(DeliveryLanes.Delivery d, EventTarget target, String outcome) {
        ObjectNode letter = Json.MAPPER.createObjectNode();
        letter.put("Rule", d.ruleName);
        letter.put("RuleArn", d.ruleArn);
        letter.put("TargetId", d.targetId);
        letter.put("TargetArn", target.url());
        letter.put("DeadLetterArn", target.deadLetterArn());
        letter.put("Outcome", outcome);
        letter.put("Attempts", d.attempts);
        letter.put("LastError", d.lastFailure);
        letter.put("DeadLetteredAt", Instant.now().toString());
        letter.set("Event", d.event);
        while (running.get()) {
            try {
                producer.sendAll(List.of(new FeedProducer.Out(Topics.DEAD_LETTERS, d.ruleArn, letter.toString())),
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

    private static void commit(KafkaConsumer<String, byte[]> c, DeliveryLanes lanes) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        lanes.committable().forEach((partition, next) ->
                offsets.put(new TopicPartition(Topics.PUBLIC_EVENTS, partition), new OffsetAndMetadata(next)));
        if (!offsets.isEmpty()) {
            c.commitSync(offsets);
        }
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
