package dev.runway.events.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {

    @TempDir
    Path dir;

    @Test
    void shouldStripTheTrailingNewlineAndSurroundingSpace() throws IOException {
        // given a password file as `echo` or the launcher writes it
        Path file = Files.writeString(dir.resolve("password"), "  s3cret \n");
        // when it is read, then the secret is what is between the white space
        assertEquals(Optional.of("s3cret"), SecretFile.content(file));
        assertEquals(Optional.of("s3cret"), SecretFile.failing(file, "RUNWAY_X_FILE").read());
        assertEquals(Optional.of("s3cret"), SecretFile.keepingLast(file, null).read());
    }

    @Test
    void shouldReadUtf8() throws IOException {
        Path file = Files.writeString(dir.resolve("password"), "pässwörd\n", java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(Optional.of("pässwörd"), SecretFile.content(file));
    }

    @Test
    void shouldHoldNoSecretWhenTheFileIsEmptyOrBlank() throws IOException {
        // given files with nothing but white space
        Path empty = Files.writeString(dir.resolve("empty"), "");
        Path blank = Files.writeString(dir.resolve("blank"), " \n\t\n");
        // then neither holds a secret, and failing does not fail for it (the file was read)
        assertEquals(Optional.empty(), SecretFile.content(empty));
        assertEquals(Optional.empty(), SecretFile.content(blank));
        assertEquals(Optional.empty(), SecretFile.failing(blank, "RUNWAY_X_FILE").read());
    }

    @Test
    void shouldFailNamingTheFileAndTheSettingWhenTheFileIsMissing() {
        // given a setting that names a file that is not there
        Path missing = dir.resolve("nowhere");
        // when it is read with the failing policy
        var e = assertThrows(IllegalStateException.class, () -> SecretFile.failing(missing, "RUNWAY_X_FILE").read());
        // then the message says which file and which setting
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("RUNWAY_X_FILE"), e.getMessage());
        assertTrue(e.getMessage().contains("NoSuchFileException"), e.getMessage());
        assertThrows(IOException.class, () -> SecretFile.content(missing));
    }

    @Test
    void shouldFailWhenThePathIsNoReadableFile() throws IOException {
        // given a directory where the file should be, and a file that is not UTF-8
        Path directory = Files.createDirectory(dir.resolve("password"));
        Path binary = Files.write(dir.resolve("binary"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x41});
        // then both are unreadable, not an empty or garbled secret
        assertThrows(IllegalStateException.class, () -> SecretFile.failing(directory, "RUNWAY_X_FILE").read());
        assertThrows(IllegalStateException.class, () -> SecretFile.failing(binary, "RUNWAY_X_FILE").read());
    }

    @Test
    void shouldFailWhenReadingIsNotAllowed() throws IOException {
        // given a file its owner may not read (root reads it anyway: then there is nothing to test)
        Path file = Files.writeString(dir.resolve("password"), "s3cret\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "this user reads files without read permission");
        var e = assertThrows(IllegalStateException.class, () -> SecretFile.failing(file, "RUNWAY_X_FILE").read());
        assertTrue(e.getMessage().contains("AccessDeniedException"), e.getMessage());
    }

    @Test
    void shouldPickUpARotationAtTheNextRead() throws IOException {
        // given a file read once
        Path file = Files.writeString(dir.resolve("password"), "first\n");
        var failing = SecretFile.failing(file, "RUNWAY_X_FILE");
        var keeping = SecretFile.keepingLast(file, "configured");
        assertEquals(Optional.of("first"), failing.read());
        assertEquals(Optional.of("first"), keeping.read());
        // when it is replaced as the launcher does it (written beside, renamed over)
        Path beside = Files.writeString(dir.resolve("password.new"), "second\n");
        Files.move(beside, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        // then the next read of each gives the new secret, at once (same size, same second)
        assertEquals(Optional.of("second"), failing.read());
        assertEquals(Optional.of("second"), keeping.read());
    }

    @Test
    void shouldKeepTheLastSecretWhileTheFileIsBrieflyMissingOrEmpty() throws IOException {
        // given a file that was read, then removed during a rotation
        Path file = Files.writeString(dir.resolve("password"), "first\n");
        var keeping = SecretFile.keepingLast(file, "configured");
        assertEquals(Optional.of("first"), keeping.read());
        Files.delete(file);
        // then the last secret read stands
        assertEquals(Optional.of("first"), keeping.read());
        // and while it is empty (written in place, not yet filled)
        Files.writeString(file, "");
        assertEquals(Optional.of("first"), keeping.read());
        // and when it is back, the new one
        Files.writeString(file, "third\n");
        assertEquals(Optional.of("third"), keeping.read());
    }

    @Test
    void shouldGiveTheInitialSecretUntilTheFileWasRead() throws IOException {
        // given a file that is not there yet
        Path file = dir.resolve("password");
        // then keepingLast gives the one it was started with, or nothing when it had none
        assertEquals(Optional.of("configured"), SecretFile.keepingLast(file, "configured").read());
        assertEquals(Optional.empty(), SecretFile.keepingLast(file, null).read());
        Files.createDirectory(file);
        assertEquals(Optional.of("configured"), SecretFile.keepingLast(file, "configured").read());
    }
}
