package dev.runway.registry.store;

import dev.runway.events.Envelope;
import dev.runway.events.Message;
import dev.runway.events.Topics;
import dev.runway.registry.messaging.OutboxRelay;
import dev.runway.registry.projection.Projector;
import dev.runway.registry.service.Rejection;
import dev.runway.registry.store.EventStore.Recorded;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.util.List;
import java.util.UUID;

/**
 * The write path of an aggregate decided on a synchronous internal call: in one transaction, load
 * the stream, fold it into state, decide, append at the expected version, project, and queue the
 * events for {@code runway.events}; a concurrent append at the same version loses on the unique
 * key and retries from fresh state. A new aggregate brings its fold and its decision, nothing else.
 */
@ApplicationScoped
public class StreamWriter {

    static final String SOURCE = "service-registry";
    private static final int ATTEMPTS = 5;

    /** How an aggregate's events fold into its state. */
    public interface Fold<S, E extends Message> {
        S initial();

        S evolve(S state, E event);
    }

    /** The events a command produces from the current state, or a rejection. */
    @FunctionalInterface
    public interface Decision<S, E extends Message> {
        List<? extends E> decide(S state) throws Rejection;
    }

    /**
     * What a write stores beside its events, in the same transaction, after they are appended and
     * projected (an empty list when nothing was decided); its answer is the write's.
     */
    @FunctionalInterface
    public interface Alongside<R> {
        R store(List<Recorded> appended);
    }

    private record Done<R>(boolean appended, R answer) {
    }

    private final EventStore store;
    private final Projector projector;
    private final OutboxRelay relay;

    public StreamWriter(EventStore store, Projector projector, OutboxRelay relay) {
        this.store = store;
        this.projector = projector;
        this.relay = relay;
    }

    /** Decides against the stream's current state and stores what was decided; answers the recorded events. */
    public <S, E extends Message> List<Recorded> write(String streamId, Class<E> type, Fold<S, E> fold,
            Decision<S, E> decision) throws Rejection {
        return write(streamId, type, fold, decision, appended -> appended);
    }

    /** As {@link #write(String, Class, Fold, Decision)}, storing {@code alongside} in the same transaction. */
    public <S, E extends Message, R> R write(String streamId, Class<E> type, Fold<S, E> fold, Decision<S, E> decision,
            Alongside<R> alongside) throws Rejection {
        for (int attempt = 1; ; attempt++) {
            try {
                Done<R> done = QuarkusTransaction.requiringNew().call(() -> {
                    List<Recorded> history = store.load(streamId);
                    S state = fold.initial();
                    for (Recorded r : history) {
                        state = fold.evolve(state, type.cast(r.envelope().payload()));
                    }
                    List<? extends E> events;
                    try {
                        events = decision.decide(state);
                    } catch (Rejection r) {
                        throw new Refused(r);
                    }
                    List<Envelope> envelopes = events.stream()
                            .map(e -> Envelope.first(SOURCE, e, UUID.randomUUID())).toList();
                    List<Recorded> appended = envelopes.isEmpty() ? List.of()
                            : store.append(streamId, history.size(), envelopes);
                    for (Recorded r : appended) {
                        projector.apply(r);
                        OutboxMessage.queue(Topics.EVENTS, streamId, r.envelope());
                    }
                    return new Done<>(!appended.isEmpty(), alongside.store(appended));
                });
                if (done.appended()) {
                    relay.wake();
                }
                return done.answer();
            } catch (Refused e) {
                throw e.rejection;
            } catch (PersistenceException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                Log.debugf("a write to %s raced another change (attempt %d); retrying", streamId, attempt);
            }
        }
    }

    /** Carries a rejection out of the transaction (which it rolls back). */
    private static final class Refused extends RuntimeException {
        final Rejection rejection;

        Refused(Rejection rejection) {
            super(rejection.getMessage(), null, false, false);
            this.rejection = rejection;
        }
    }
}
