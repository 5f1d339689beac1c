package dev.runway.registry.credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest (access keys' secrets, connections' Git tokens and webhook secrets):
 * AES-256-GCM with a random 96-bit nonce per secret, the owner's id (access key id, connection ARN)
 * as associated data (a ciphertext copied to another owner's row does not decrypt). Stored form:
 * nonce || ciphertext+tag. The 32-byte key lives in a file only root can read.
 */
public final class SecretCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    SecretCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the credentials key must be 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The key in {@code file}, created (0600, random) when the file does not exist yet. */
    public static SecretCipher fromKeyFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.write(file, fresh, StandardOpenOption.TRUNCATE_EXISTING);
                } catch (FileAlreadyExistsException raced) {
                    // another registry instance created it first: use theirs
                }
            }
            return new SecretCipher(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the credentials key file " + file, e);
        }
    }

    public byte[] encrypt(String accessKeyId, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, accessKeyId, nonce);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encrypting the secret of " + accessKeyId + " failed", e);
        }
    }

    /** The secret; an exception (never containing the secret) when the stored bytes were not sealed by this key. */
    public String decrypt(String accessKeyId, byte[] stored) {
        if (stored.length <= NONCE_BYTES) {
            throw new IllegalStateException("the stored secret of " + accessKeyId + " is truncated");
        }
        try {
            byte[] nonce = java.util.Arrays.copyOf(stored, NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, accessKeyId, nonce);
            return new String(cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored secret of " + accessKeyId
                    + " does not decrypt with the registry's credentials key (was the key file replaced?)", e);
        }
    }

    private Cipher cipher(int mode, String accessKeyId, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(accessKeyId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
