package dev.runway.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The wrapper every message travels in.
 *
 * @param id            unique id of this message; consumers deduplicate on it
 * @param type          the registered wire name of the payload (see {@link dev.runway.events.wire.TypeRegistry})
 * @param schemaVersion version of the payload's schema, for upcasting old messages
 * @param time          when the message was created
 * @param source        the module that wrote it (e.g. {@code api-gateway})
 * @param resourceArn   the resource the message is about; also the Kafka key
 * @param causationId   id of the message that caused this one (null for a user's request)
 * @param correlationId the operation or request this message belongs to
 * @param streamVersion for events: the version of the resource's stream this event has; else null
 * @param payload       the command, event, report or reply itself
 */
public record Envelope(
        UUID id,
        String type,
        int schemaVersion,
        Instant time,
        String source,
        String resourceArn,
        UUID causationId,
        UUID correlationId,
        Long streamVersion,
        Message payload) {

    public Envelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(resourceArn, "resourceArn");
        Objects.requireNonNull(payload, "payload");
    }

    /** A fresh envelope for a message that starts a conversation (a user's request). */
    public static Envelope first(String source, Message payload, UUID correlationId) {
        return new Envelope(UUID.randomUUID(), wireType(payload), 1, Instant.now(), source,
                payload.resourceArn(), null, correlationId, null, payload);
    }

    /** A fresh envelope for a message caused by {@code cause}, in the same correlation. */
    public static Envelope causedBy(Envelope cause, String source, Message payload) {
        return new Envelope(UUID.randomUUID(), wireType(payload), 1, Instant.now(), source,
                payload.resourceArn(), cause.id(), cause.correlationId(), null, payload);
    }

    /** This envelope with its place in the resource's stream. */
    public Envelope atStreamVersion(long version) {
        return new Envelope(id, type, schemaVersion, time, source, resourceArn, causationId, correlationId,
                version, payload);
    }

    private static String wireType(Message payload) {
        return dev.runway.events.wire.TypeRegistry.typeOf(payload.getClass());
    }
}
