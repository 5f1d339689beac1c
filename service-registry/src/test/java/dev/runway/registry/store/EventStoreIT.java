package dev.runway.registry.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.Envelope;
import dev.runway.events.event.EventRuleChanged;
import dev.runway.registry.store.EventStore.Recorded;
import dev.runway.registry.testplatform.OnTestPlatform;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The event store's optimistic concurrency on the real PostgreSQL (a database of the tests' own,
 * see OnTestPlatform): writers that read a stream at one version and append after it at once —
 * exactly one wins.
 */
@QuarkusTest
@TestProfile(OnTestPlatform.class)
class EventStoreIT {

    private static final int WRITERS = 8;

    @Inject
    EventStore store;

    @Test
    void shouldLetExactlyOneOfConcurrentAppendsAtOneExpectedVersionWin() throws Exception {
        // given: a stream at version 1, and eight writers that each load it, wait until all have, and append after it
        String stream = "arn:aws:events:us-east-1:000000000000:rule/" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> store.append(stream, 0, List.of(event(stream, "first"))));
        CyclicBarrier allLoaded = new CyclicBarrier(WRITERS);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<UUID>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < WRITERS; i++) {
                Envelope mine = event(stream, "writer " + i);
                outcomes.add(writers.submit(() -> QuarkusTransaction.requiringNew().call(() -> {
                    long expected = store.load(stream).size();
                    allLoaded.await(30, TimeUnit.SECONDS);
                    store.append(stream, expected, List.of(mine));
                    return mine.id();
                })));
            }

            // when: they all try to commit
            List<UUID> won = new ArrayList<>();
            List<Throwable> lost = new ArrayList<>();
            for (Future<UUID> outcome : outcomes) {
                try {
                    won.add(outcome.get(60, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    lost.add(e.getCause());
                }
            }

            // then: one wins; every other gets the store's conflict, the unique (stream_id, version) violated
            assertEquals(1, won.size(), "writers that appended at version 2: " + won + "; failures: " + lost);
            assertEquals(WRITERS - 1, lost.size());
            for (Throwable conflict : lost) {
                assertInstanceOf(PersistenceException.class, conflict, "what StreamWriter retries as a race");
                assertTrue(isStreamVersionConflict(conflict), "not the (stream_id, version) conflict: " + conflict);
            }
            List<Recorded> history = store.load(stream);
            assertEquals(2, history.size(), "the stream holds the first event and the winner's");
            assertEquals(2L, history.get(1).envelope().streamVersion());
            assertEquals(won.get(0), history.get(1).envelope().id());
        } finally {
            writers.shutdownNow();
        }
    }

    /** A unique violation (SQLSTATE 23505) of {@code events_stream_version}, somewhere in the causes. */
    private static boolean isStreamVersionConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())
                    && String.valueOf(sql.getMessage()).contains("events_stream_version")) {
                return true;
            }
        }
        return false;
    }

    private static Envelope event(String ruleArn, String description) {
        return Envelope.first("service-registry", new EventRuleChanged(ruleArn, "it", "{\"source\":[\"it\"]}",
                "ENABLED", description, List.of(), Instant.now()), UUID.randomUUID());
    }
}
