package dev.runway.registry.credentials;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets at rest: sealed with the registry's key, bound to their access key id. */
class SecretCipherTest {

    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @Test
    void shouldRoundTripAndNeverStoreThePlainSecret(@TempDir Path dir) {
        SecretCipher cipher = SecretCipher.fromKeyFile(dir.resolve("keys/credentials.key"));
        byte[] stored = cipher.encrypt("AKIAONE", SECRET);
        assertFalse(new String(stored, StandardCharsets.ISO_8859_1).contains("EXAMPLEKEY"));
        assertEquals(SECRET, cipher.decrypt("AKIAONE", stored));
        // a fresh nonce each time: the same secret never looks the same twice
        assertFalse(java.util.Arrays.equals(stored, cipher.encrypt("AKIAONE", SECRET)));
    }

    @Test
    void shouldRefuseACiphertextMovedToAnotherKeyId(@TempDir Path dir) {
        SecretCipher cipher = SecretCipher.fromKeyFile(dir.resolve("credentials.key"));
        byte[] stored = cipher.encrypt("AKIAONE", SECRET);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cipher.decrypt("AKIATWO", stored));
        assertFalse(e.getMessage().contains(SECRET));
    }

    @Test
    void shouldCreateTheKeyFileOnceReadableOnlyByItsOwner(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("credentials.key");
        SecretCipher first = SecretCipher.fromKeyFile(file);
        byte[] key = Files.readAllBytes(file);
        assertEquals(32, key.length);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        // a restart reads the same key and opens what the first instance sealed
        SecretCipher second = SecretCipher.fromKeyFile(file);
        assertArrayEquals(key, Files.readAllBytes(file));
        assertEquals(SECRET, second.decrypt("AKIAONE", first.encrypt("AKIAONE", SECRET)));
        assertTrue(Files.size(file) == 32);
    }
}
