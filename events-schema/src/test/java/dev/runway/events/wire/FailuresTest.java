package dev.runway.events.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** Which failures consumers retry and which they dead-letter. */
class FailuresTest {

    private static RuntimeException wrapped(Throwable cause) {
        return new RuntimeException("transaction failed", new IllegalStateException("statement failed", cause));
    }

    @Test
    void shouldRetryWhenTheDatabaseOrBrokerIsAway() {
        assertTrue(Failures.isTransient(wrapped(new SQLException("connection refused", "08001"))));
        assertTrue(Failures.isTransient(wrapped(new SQLException("terminating connection", "57P01"))));
        assertTrue(Failures.isTransient(wrapped(new SQLException("deadlock", "40P01"))));
        assertTrue(Failures.isTransient(wrapped(new ConnectException("refused"))));
        assertTrue(Failures.isTransient(new TimeoutException("no broker")));
        assertTrue(Failures.isTransient(wrapped(new SQLException("Sorry, acquisition timeout!"))));
        assertTrue(Failures.isTransient(wrapped(new java.util.concurrent.TimeoutException("slow"))));
    }

    @Test
    void shouldRetryTheExpectedVersionConflictOnly() {
        assertTrue(Failures.isTransient(wrapped(new SQLException(
                "duplicate key value violates unique constraint \"events_stream_version\"", "23505"))));
        assertFalse(Failures.isTransient(wrapped(new SQLException(
                "duplicate key value violates unique constraint \"service_view_live_name\"", "23505"))));
        assertFalse(Failures.isTransient(wrapped(new SQLException("null value in column", "23502"))));
    }

    @Test
    void shouldDeadLetterWhatTheDatabaseRefusesForItsContentAndEverythingElse() {
        RuntimeException nul = wrapped(new SQLException("unsupported Unicode escape sequence", "22P05"));
        assertFalse(Failures.isTransient(nul));
        assertTrue(Failures.isRefusedContent(nul));
        assertFalse(Failures.isTransient(new UncheckedIOException("not a Runway envelope", new java.io.IOException("x"))));
        assertFalse(Failures.isTransient(new IllegalArgumentException("unknown type")));
        assertFalse(Failures.isRefusedContent(new IllegalArgumentException("unknown type")));
        assertEquals("unsupported Unicode escape sequence", Failures.rootMessage(nul));
    }

    @Test
    void shouldKeepTheOriginalBytesAndWhereTheyCameFromInADeadLetter() {
        byte[] value = {'{', 0, (byte) 0xff};
        Instant at = Instant.parse("2026-12-07T00:00:00Z");
        ObjectNode letter = DeadLetters.letter("runway.commands", 3, 42, "arn:x", value, "service-registry", "bad", at);
        assertEquals("runway.commands", letter.path("topic").asText());
        assertEquals(3, letter.path("partition").asInt());
        assertEquals(42, letter.path("offset").asLong());
        assertEquals("arn:x", letter.path("key").asText());
        assertEquals("service-registry", letter.path("consumer").asText());
        assertEquals("bad", letter.path("reason").asText());
        assertEquals(new String(value, StandardCharsets.ISO_8859_1),
                new String(Base64.getDecoder().decode(letter.path("value").asText()), StandardCharsets.ISO_8859_1));
        // the same message dead-lettered again is the same dead letter
        assertEquals(letter.path("id"), DeadLetters.letter("runway.commands", 3, 42, "arn:x", value, "service-registry",
                "again", at.plusSeconds(5)).path("id"));
    }
}
