package dev.runway.registry.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.Envelope;
import dev.runway.events.wire.EnvelopeCodec;
import dev.runway.events.wire.Json;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL event store. Every append states the version it expects the stream to be at;
 * {@code unique(stream_id, version)} turns a concurrent append into a constraint violation, which
 * the caller handles by retrying from fresh state.
 */
@ApplicationScoped
public class EventStore {

    /** An event read back or just appended, with its place in the global order. */
    public record Recorded(long globalPosition, Envelope envelope) {
    }

    public List<Recorded> load(String streamId) {
        List<StoredEvent> rows = StoredEvent.list("streamId", Sort.by("version"), streamId);
        return rows.stream().map(EventStore::toRecorded).toList();
    }

    /** Appends {@code envelopes} after {@code expectedVersion}; must run inside a transaction. */
    public List<Recorded> append(String streamId, long expectedVersion, List<Envelope> envelopes) {
        List<StoredEvent> rows = new ArrayList<>();
        long version = expectedVersion;
        for (Envelope e : envelopes) {
            version++;
            Envelope placed = e.atStreamVersion(version);
            ObjectNode tree = EnvelopeCodec.toTree(placed);
            JsonNode data = tree.remove("data");
            StoredEvent row = new StoredEvent();
            row.streamId = streamId;
            row.version = (int) version;
            row.eventId = placed.id();
            row.type = placed.type();
            row.data = data.toString();
            row.metadata = tree.toString();
            row.recordedAt = Instant.now();
            rows.add(row);
        }
        StoredEvent.persist(rows);
        StoredEvent.flush();
        return rows.stream().map(EventStore::toRecorded).toList();
    }

    /** Events in global order from {@code afterPosition}, a page at a time, for rebuilding projections. */
    public List<Recorded> readAll(long afterPosition, int limit) {
        List<StoredEvent> rows = StoredEvent.find("globalPosition > ?1", Sort.by("globalPosition"), afterPosition)
                .range(0, limit - 1).list();
        return rows.stream().map(EventStore::toRecorded).toList();
    }

    /** Events of the given types in global order from {@code afterPosition}, at most {@code limit}. */
    public List<Recorded> readTypes(long afterPosition, List<String> types, int limit) {
        List<StoredEvent> rows = StoredEvent.find("globalPosition > ?1 and type in ?2", Sort.by("globalPosition"),
                afterPosition, types).range(0, limit - 1).list();
        return rows.stream().map(EventStore::toRecorded).toList();
    }

    static Recorded toRecorded(StoredEvent row) {
        try {
            ObjectNode tree = (ObjectNode) Json.MAPPER.readTree(row.metadata);
            tree.set("data", Json.MAPPER.readTree(row.data));
            return new Recorded(row.globalPosition, EnvelopeCodec.fromTree(tree));
        } catch (IOException e) {
            throw new UncheckedIOException("event " + row.eventId + " in " + row.streamId + " is unreadable", e);
        }
    }
}
