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

    @Test
    void shouldSealUnderTheNewKeyAfterARotationAndStillOpenWhatTheOldKeysSealed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("credentials.key");
        SecretCipher cipher = SecretCipher.fromKeyFile(file);
        byte[] before = cipher.encrypt("AKIAONE", SECRET);
        // a value sealed before the ring named its keys: nonce || ciphertext under the first key
        byte[] legacy = java.util.Arrays.copyOfRange(before, 9, before.length);
        assertEquals(SECRET, cipher.decrypt("AKIAONE", legacy));
        String oldId = cipher.currentKeyId();
        assertTrue(cipher.sealedUnderCurrentKey(before));

        // a rotation as the launcher does it: the old key into the retired directory, a new one over the file
        Path retired = SecretCipher.retiredDir(file);
        Files.createDirectories(retired);
        Files.copy(file, retired.resolve("20261207T210000Z.key"));
        byte[] fresh = new byte[32];
        new java.security.SecureRandom().nextBytes(fresh);
        Path next = dir.resolve("credentials.key.new");
        Files.write(next, fresh);
        Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        // the same instance (no restart) seals under the new key and opens both
        byte[] after = cipher.encrypt("AKIAONE", SECRET);
        assertFalse(oldId.equals(cipher.currentKeyId()));
        assertTrue(cipher.sealedUnderCurrentKey(after));
        assertFalse(cipher.sealedUnderCurrentKey(before));
        assertFalse(cipher.sealedUnderCurrentKey(legacy));
        assertEquals(SECRET, cipher.decrypt("AKIAONE", before));
        assertEquals(SECRET, cipher.decrypt("AKIAONE", legacy));
        assertEquals(SECRET, cipher.decrypt("AKIAONE", after));
        // a new instance reads the whole ring
        assertEquals(SECRET, SecretCipher.fromKeyFile(file).decrypt("AKIAONE", before));

        // without the retired key, what it sealed opens no more (and the message says where the keys are)
        Files.delete(retired.resolve("20261207T210000Z.key"));
        IllegalStateException gone = assertThrows(IllegalStateException.class, () -> cipher.decrypt("AKIAONE", before));
        assertTrue(gone.getMessage().contains("credentials.key.retired"), gone.getMessage());
        assertFalse(gone.getMessage().contains(SECRET));
        assertEquals(SECRET, cipher.decrypt("AKIAONE", after));
    }
}
