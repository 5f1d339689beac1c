package dev.runway.registry.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.Envelope;
import dev.runway.events.secret.ParameterPut;
import dev.runway.events.wire.EnvelopeCodec;
import dev.runway.events.wire.Json;
import dev.runway.registry.projection.Projector;
import dev.runway.registry.testplatform.OnTestPlatform;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The event store measured (issue 24, bench/event-store.sh runs this; the test command never does:
 * its name matches neither {@code *Test} nor {@code *IT}). On the profile's PostgreSQL, in a
 * database of its own ({@link OnTestPlatform}):
 * <ol>
 * <li>appends with the expected-version check, from 1, 8 and 32 writers, one event per transaction,
 * and from 32 writers with 16 appends (16 streams) per transaction (group commit): events/s and the
 * transaction's p50/p99;</li>
 * <li>a rebuild of every projection from {@code bench.events} (1M) events: services' lifecycles
 * shaped like the example's own ({@link #SERVICE_LIFECYCLE}, eight events each), appended and
 * projected live as the registry does, then {@link Projector#rebuild()} timed and each projection
 * table checked equal, row for row, to what the live projection wrote.</li>
 * </ol>
 */
@QuarkusTest
@TestProfile(OnTestPlatform.class)
class EventStoreBench {

    @Inject
    EventStore store;

    @Inject
    Projector projector;

    @Inject
    EntityManager entities;

    /** The tables {@link Projector#rebuild()} writes anew. */
    static final List<String> PROJECTIONS = List.of("service_view", "operation_view", "connection_view",
            "auto_scaling_configuration_view", "observability_configuration_view", "vpc_connector_view",
            "vpc_ingress_connection_view", "resource_tag_view", "event_rule_view", "ssm_parameters",
            "ssm_parameter_versions", "sm_secrets", "sm_secret_versions");

    @Test
    void measure() throws Exception {
        Duration each = Duration.ofSeconds(Long.getLong("bench.seconds", 10));
        System.out.printf("event store appends, %d s per row (expected-version check; latency per transaction)%n",
                each.toSeconds());
        for (int[] shape : new int[][] {{1, 1}, {8, 1}, {32, 1}, {32, 16}}) {
            appends(shape[0], shape[1], each);
        }
        // the appends' events are no projection's: the rebuild starts from an empty store
        QuarkusTransaction.requiringNew().run(() -> entities.createNativeQuery("truncate events").executeUpdate());
        rebuild(Long.getLong("bench.events", 1_000_000));
    }

    private void appends(int writers, int perTransaction, Duration duration) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        long[][] latencies = new long[writers][];
        int[] counts = new int[writers];
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(pool.submit(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                long[] versions = new long[perTransaction];
                start.await();
                long end = System.nanoTime() + duration.toNanos();
                while (System.nanoTime() < end) {
                    long began = System.nanoTime();
                    int round = n;
                    QuarkusTransaction.requiringNew().run(() -> {
                        for (int s = 0; s < perTransaction; s++) {
                            String arn = "arn:aws:ssm:us-east-1:000000000000:parameter/bench-" + run + "-" + writer + "-" + s;
                            store.append(arn, versions[s], List.of(parameterPut(arn, versions[s] + 1)));
                        }
                    });
                    for (int s = 0; s < perTransaction; s++) {
                        versions[s]++;
                    }
                    if (round == mine.length) {
                        mine = Arrays.copyOf(mine, mine.length * 2);
                    }
                    mine[round] = System.nanoTime() - began;
                    n++;
                }
                latencies[writer] = Arrays.copyOf(mine, n);
                counts[writer] = n;
                return null;
            }));
        }
        long began = System.nanoTime();
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        pool.shutdown();
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        long events = (long) Arrays.stream(counts).sum() * perTransaction;
        System.out.printf("appends  writers %2d  events/transaction %2d  %9.0f events/s  p50 %6.2f ms  p99 %6.2f ms"
                + "  (%d transactions)%n", writers, perTransaction, events / seconds, percentile(all, 50) / 1e6,
                percentile(all, 99) / 1e6, all.length);
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
    }

    private static Envelope parameterPut(String arn, long version) {
        return Envelope.first("bench", new ParameterPut(arn, arn.substring(arn.lastIndexOf('/')), "String", version,
                null, null, "text", "bench", "c2VhbGVk", List.of(), "bench", Instant.now()), UUID.randomUUID());
    }

    // ---------------------------------------------------------------- rebuild

    /**
     * One service's life as the example's creation wrote it on a fresh platform
     * ({@code service-lifecycle.jsonl}: each event's metadata and data, with {@code SERVICE_NAME}
     * and {@code SERVICE_ID} in place of the example's), whose UUIDs and 8-hex ids each copy
     * replaces with its own.
     */
    static final List<String[]> SERVICE_LIFECYCLE = lifecycle();

    private static List<String[]> lifecycle() {
        try (var in = EventStoreBench.class.getResourceAsStream("/service-lifecycle.jsonl")) {
            List<String[]> events = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    var event = Json.MAPPER.readTree(line);
                    events.add(new String[] {event.get("metadata").toString(), event.get("data").toString()});
                }
            }
            return List.copyOf(events);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void rebuild(long wanted) {
        int perService = SERVICE_LIFECYCLE.size();
        long services = Math.max(1, wanted / perService);
        System.out.printf("generating %d events: %d services' lifecycles of %d events, appended and projected live ...%n",
                services * perService, services, perService);
        long began = System.nanoTime();
        int perTransaction = 100; // services
        for (long first = 0; first < services; first += perTransaction) {
            long from = first;
            long to = Math.min(services, first + perTransaction);
            QuarkusTransaction.requiringNew().timeout(600).run(() -> {
                for (long k = from; k < to; k++) {
                    appendLifecycle(k);
                }
                entities.flush();
                entities.clear();
            });
            if ((to / perTransaction) % 200 == 0) {
                System.out.printf("  %d events in %.0f s%n", to * perService, (System.nanoTime() - began) / 1e9);
            }
        }
        double generated = (System.nanoTime() - began) / 1e9;
        System.out.printf("generated %d events in %.1f s (%.0f events/s with live projection)%n",
                services * perService, generated, services * perService / generated);
        Map<String, String> live = snapshot();
        long rebuildBegan = System.nanoTime();
        long applied = projector.rebuild();
        double rebuilt = (System.nanoTime() - rebuildBegan) / 1e9;
        Map<String, String> again = snapshot();
        System.out.printf("projection rebuild: %d events in %.1f s (%.0f events/s)%n", applied, rebuilt, applied / rebuilt);
        boolean same = live.equals(again);
        live.forEach((table, sum) -> System.out.printf("  %-34s live %s  rebuilt %s  %s%n", table, sum, again.get(table),
                sum.equals(again.get(table)) ? "equal" : "DIFFERENT"));
        System.out.println(same ? "projections after the rebuild: identical to the live ones"
                : "projections after the rebuild: DIFFERENT from the live ones");
        if (!same) {
            throw new AssertionError("the rebuilt projections differ from the live ones: " + live + " vs " + again);
        }
    }

    /** Row count and an order-free checksum of every row's text, per projection table. */
    private Map<String, String> snapshot() {
        return QuarkusTransaction.requiringNew().timeout(600).call(() -> {
            Map<String, String> sums = new LinkedHashMap<>();
            for (String table : PROJECTIONS) {
                Object[] row = (Object[]) entities.createNativeQuery("select count(*), coalesce(sum(hashtextextended(t::text, 7)), 0)"
                        + " from " + table + " t").getSingleResult();
                sums.put(table, row[0] + " rows/" + row[1]);
            }
            return sums;
        });
    }

    private static final Pattern TOKEN = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|SERVICE_ID|SERVICE_NAME|(?<![0-9a-f])[0-9a-f]{8}(?![0-9a-f])");

    /** One service's lifecycle, appended as one decision (its stream from version 0) and projected event by event. */
    private void appendLifecycle(long k) {
        List<Envelope> envelopes = new ArrayList<>();
        for (String[] event : SERVICE_LIFECYCLE) {
            ObjectNode tree = (ObjectNode) read(copy(event[0], k));
            tree.set("data", read(copy(event[1], k)));
            envelopes.add(EnvelopeCodec.fromTree(tree));
        }
        for (var recorded : store.append(envelopes.get(0).resourceArn(), 0, envelopes)) {
            projector.apply(recorded);
        }
    }

    /** The text with each token replaced by copy {@code k}'s own, of the same shape. */
    static String copy(String text, long k) {
        Matcher m = TOKEN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String token = m.group();
            String replacement = switch (token) {
                case "SERVICE_NAME" -> "bench-" + k;
                case "SERVICE_ID" -> hex(token, k, 32);
                default -> token.length() == 36
                        ? new StringBuilder(hex(token, k, 32)).insert(8, '-').insert(13, '-').insert(18, '-')
                                .insert(23, '-').toString()
                        : hex(token, k, 8);
            };
            m.appendReplacement(out, replacement);
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String hex(String token, long k, int length) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((token + "#" + k).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, length);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
