package dev.runway.registry.credentials;

import io.quarkus.logging.Log;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest (access keys' secrets, connections' Git tokens and webhook secrets, and
 * through {@code ValueSeal} the parameter, secret and certificate-key values in events): AES-256-GCM
 * with a random 96-bit nonce per secret, the owner's id (access key id, connection ARN) as
 * associated data (a ciphertext copied to another owner's row does not decrypt).
 *
 * <p>A key ring: the current key in the key file, the keys it replaced in {@code <key file>.retired/}
 * (one 32-byte file each). Sealing uses the current key and names it: {@code 0x01 || key id (the
 * first 8 bytes of its SHA-256) || nonce || ciphertext+tag}. Opening takes the key the id names; a
 * value sealed before the ring ({@code nonce || ciphertext+tag}, no id) is tried with each key. Both
 * files are read again when they change, so {@code ./runway credentials rotate master-key} needs no
 * restart (docs/security.md, "Rotating"). Retired keys must stay: events keep the values sealed
 * under them, and the log is never rewritten.
 */
public final class SecretCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte TAGGED = 0x01;
    private static final int ID_BYTES = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private volatile Ring ring;

    private record Key(byte[] id, SecretKey key) {
    }

    /** The keys as read at {@code stamp} (the files' modification times and sizes); the current one first. */
    private record Ring(String stamp, List<Key> keys) {
        Key current() {
            return keys.get(0);
        }
    }

    SecretCipher(byte[] key) {
        this.file = null;
        this.ring = new Ring("", List.of(key(key, "the credentials key")));
    }

    private SecretCipher(Path file) {
        this.file = file;
        this.ring = read();
    }

    /** The key ring of {@code file}, the file created (0600, random) when it does not exist yet. */
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
            return new SecretCipher(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the credentials key file " + file, e);
        }
    }

    /** Where the keys a rotation replaced are kept. */
    public static Path retiredDir(Path keyFile) {
        return keyFile.resolveSibling(keyFile.getFileName() + ".retired");
    }

    /** The current key's id, hex (what a rotation changes). */
    public String currentKeyId() {
        return java.util.HexFormat.of().formatHex(ring().current().id());
    }

    public byte[] encrypt(String accessKeyId, String secret) {
        Key key = ring().current();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key.key(), accessKeyId, nonce);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + ID_BYTES + NONCE_BYTES + sealed.length).put(TAGGED).put(key.id()).put(nonce)
                    .put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encrypting the secret of " + accessKeyId + " failed", e);
        }
    }

    /** Whether {@code stored} was sealed under the current key (else a re-seal would change it). */
    public boolean sealedUnderCurrentKey(byte[] stored) {
        return stored.length > 1 + ID_BYTES && stored[0] == TAGGED
                && Arrays.equals(Arrays.copyOfRange(stored, 1, 1 + ID_BYTES), ring().current().id());
    }

    /** The secret; an exception (never containing the secret) when no key of the ring opens the stored bytes. */
    public String decrypt(String accessKeyId, byte[] stored) {
        if (stored.length <= NONCE_BYTES) {
            throw new IllegalStateException("the stored secret of " + accessKeyId + " is truncated");
        }
        Ring r = ring();
        if (stored[0] == TAGGED && stored.length > 1 + ID_BYTES + NONCE_BYTES) {
            byte[] id = Arrays.copyOfRange(stored, 1, 1 + ID_BYTES);
            for (Key k : r.keys()) {
                if (Arrays.equals(id, k.id())) {
                    String opened = open(k, accessKeyId, stored, 1 + ID_BYTES);
                    if (opened != null) {
                        return opened;
                    }
                }
            }
        }
        // sealed before the ring had ids: nonce || ciphertext, under one of the keys
        for (Key k : r.keys()) {
            String opened = open(k, accessKeyId, stored, 0);
            if (opened != null) {
                return opened;
            }
        }
        throw new IllegalStateException("the stored secret of " + accessKeyId + " does not decrypt with any key of the"
                + " registry's key ring (" + (file == null ? "its key" : file + " and " + retiredDir(file))
                + "; was a key file replaced or a retired key deleted?)");
    }

    private static String open(Key k, String owner, byte[] stored, int at) {
        if (stored.length - at <= NONCE_BYTES) {
            return null;
        }
        try {
            byte[] nonce = Arrays.copyOfRange(stored, at, at + NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, k.key(), owner, nonce);
            return new String(cipher.doFinal(stored, at + NONCE_BYTES, stored.length - at - NONCE_BYTES),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    private static Cipher cipher(int mode, SecretKey key, String owner, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private Ring ring() {
        if (file == null) {
            return ring;
        }
        Ring r = ring;
        if (!r.stamp().equals(stamp())) {
            synchronized (this) {
                if (ring == r) {
                    ring = read();
                    if (!Arrays.equals(ring.current().id(), r.current().id())) {
                        Log.infof("the credentials key was rotated: new values are sealed under key %s, %d older key(s)"
                                + " kept for opening", currentKeyId(), ring.keys().size() - 1);
                    }
                }
                r = ring;
            }
        }
        return r;
    }

    /** The key file's and the retired keys' modification times and sizes: cheap to compare at each use. */
    private String stamp() {
        StringBuilder s = new StringBuilder(stampOf(file));
        Path dir = retiredDir(file);
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                List<String> each = new ArrayList<>();
                files.forEach(f -> each.add(f.getFileName() + "@" + stampOf(f)));
                each.sort(null);
                s.append('|').append(String.join(",", each));
            } catch (IOException e) {
                s.append("|?");
            }
        }
        return s.toString();
    }

    private static String stampOf(Path f) {
        try {
            return Files.getLastModifiedTime(f) + "/" + Files.size(f);
        } catch (IOException e) {
            return "-";
        }
    }

    private Ring read() {
        String stamp = stamp();
        List<Key> keys = new ArrayList<>();
        try {
            keys.add(key(Files.readAllBytes(file), file.toString()));
        } catch (IOException e) {
            if (ring != null) {
                return ring; // unreadable for a moment: keep the ring read last
            }
            throw new UncheckedIOException("cannot read the credentials key file " + file, e);
        }
        Path dir = retiredDir(file);
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.key")) {
                List<Path> sorted = new ArrayList<>();
                files.forEach(sorted::add);
                sorted.sort(null);
                for (Path f : sorted) {
                    Key k;
                    try {
                        k = key(Files.readAllBytes(f), f.toString());
                    } catch (IllegalArgumentException e) {
                        Log.warnf("%s: skipped", e.getMessage());
                        continue;
                    }
                    if (keys.stream().noneMatch(known -> Arrays.equals(known.id(), k.id()))) {
                        keys.add(k);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the retired credentials keys in " + dir, e);
            }
        }
        return new Ring(stamp, List.copyOf(keys));
    }

    private static Key key(byte[] bytes, String where) {
        if (bytes.length != 32) {
            throw new IllegalArgumentException("the credentials key " + where + " must be 32 bytes, not " + bytes.length);
        }
        try {
            byte[] id = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(bytes), ID_BYTES);
            return new Key(id, new SecretKeySpec(bytes, "AES"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
