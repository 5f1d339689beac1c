package dev.runway.registry.store;

import dev.runway.events.wire.Failures;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * For projections fed by a Kafka consumer whose offset is committed only after the record is
 * stored (audit trail, metric store, log store): while the database is away the consumer waits
 * and tries again rather than skip a record. A record the database refuses for its content is
 * not tried again: the failure goes up to the consumer, which dead-letters the record.
 */
public final class UntilStored {

    /**
     * Runs {@code work} in a new transaction until it commits, a second between tries while the
     * failure may pass ({@link Failures#isTransient}); false when {@code running} turned false (the
     * application stops) or the thread was interrupted first. Any other failure is thrown.
     */
    public static boolean run(AtomicBoolean running, Supplier<String> what, Runnable work) {
        while (running.get()) {
            try {
                QuarkusTransaction.requiringNew().run(work);
                return true;
            } catch (RuntimeException e) {
                if (!Failures.isTransient(e)) {
                    throw e;
                }
                Log.warnf("could not store %s (%s); trying again in 1 s", what.get(), Failures.rootMessage(e));
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    private UntilStored() {
    }
}
