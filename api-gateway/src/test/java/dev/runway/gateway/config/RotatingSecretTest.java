package dev.runway.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingSecretTest {

    static final Instant ROTATED = Instant.parse("2026-12-07T20:00:00Z");

    @TempDir
    Path dir;

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = ROTATED;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void shouldReadTheFileAgainWhenItChangesAndKeepTheReplacedSecretForItsGrace() throws Exception {
        Path file = dir.resolve("events-stream-token");
        Files.writeString(file, "old-token-0123456789\n");
        TestClock clock = new TestClock();
        RotatingSecret secret = new RotatingSecret(Optional.of(file.toString()), Optional.of("ignored"), Duration.ofSeconds(10), clock);
        assertEquals(Optional.of("old-token-0123456789"), secret.current());
        assertTrue(secret.accepts("old-token-0123456789"));
        assertFalse(secret.accepts("new-token-0123456789"));

        // a rotation as the launcher does it: the old one beside, then the new one over the file
        Path previous = dir.resolve("events-stream-token.previous");
        Files.writeString(previous, "old-token-0123456789\n");
        Files.setLastModifiedTime(previous, FileTime.from(ROTATED));
        Files.writeString(file, "new-token-0123456789\n");
        Files.setLastModifiedTime(file, FileTime.from(ROTATED.plusSeconds(1)));

        clock.now = ROTATED.plusSeconds(9);
        assertEquals(List.of("new-token-0123456789", "old-token-0123456789"), secret.inForce());
        assertTrue(secret.accepts("new-token-0123456789"));
        assertTrue(secret.accepts("old-token-0123456789"));
        clock.now = ROTATED.plusSeconds(10);
        assertEquals(List.of("new-token-0123456789"), secret.inForce());
        assertFalse(secret.accepts("old-token-0123456789"));
        assertTrue(secret.accepts("new-token-0123456789"));
        assertFalse(secret.accepts(""));
        assertFalse(secret.accepts(null));
    }

    @Test
    void shouldEndTheGraceFromTheRotationEvenWhenReadLater() throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "new-token-0123456789");
        Path previous = dir.resolve("token.previous");
        Files.writeString(previous, "old-token-0123456789");
        Files.setLastModifiedTime(previous, FileTime.from(ROTATED));
        TestClock clock = new TestClock();
        clock.now = ROTATED.plusSeconds(60);
        // a gateway started a minute after the rotation does not take the old token
        RotatingSecret secret = new RotatingSecret(Optional.of(file.toString()), Optional.empty(), Duration.ofSeconds(10), clock);
        assertFalse(secret.accepts("old-token-0123456789"));
        assertEquals(List.of("new-token-0123456789"), secret.inForce());
    }

    @Test
    void shouldKeepTheLastSecretWhenTheFileIsGoneAndUseTheValueWithoutAFile() throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "token-0123456789");
        RotatingSecret secret = new RotatingSecret(Optional.of(file.toString()), Optional.empty(), Duration.ofSeconds(10));
        assertTrue(secret.accepts("token-0123456789"));
        Files.delete(file);
        assertTrue(secret.accepts("token-0123456789"));

        RotatingSecret fixed = new RotatingSecret(Optional.of(" "), Optional.of("value-0123456789"), Duration.ofSeconds(10));
        assertEquals(List.of("value-0123456789"), fixed.inForce());
        RotatingSecret none = new RotatingSecret(Optional.empty(), Optional.empty(), Duration.ofSeconds(10));
        assertEquals(Optional.empty(), none.current());
        assertFalse(none.configured());
        assertFalse(none.accepts("anything"));
        // a file that is configured but missing takes nothing (closed, not open)
        RotatingSecret missing = new RotatingSecret(Optional.of(dir.resolve("nowhere").toString()), Optional.empty(),
                Duration.ofSeconds(10));
        assertTrue(missing.configured());
        assertFalse(missing.accepts("anything"));
        assertFalse(missing.accepts(""));
    }
}
