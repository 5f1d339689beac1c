package dev.runway.registry.internalauth;

import dev.runway.events.credential.SecretFile;
import dev.runway.registry.config.RegistryConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Every component's credential for the {@code /internal/*} API, read from
 * {@code RUNWAY_INTERNAL_TOKENS_DIR}: a file {@code <dir>/<component>} (the launcher's layout) or
 * {@code <dir>/<component>/token} (the compose stack's, one volume per component). Only their
 * SHA-256 digests are kept; a presented token is compared with every one in constant time. A token
 * that matches none makes it read the directory again when a file there changed, so a credential
 * made or rotated after the start is known without a restart. A rotated token stays valid for
 * {@link #ROTATION_GRACE} after the new one is read, for the calls its component sent just before
 * it read its new file (docs/security.md, "Rotating an internal API credential"). No directory, no
 * credential: every internal call is refused (fail closed).
 */
@ApplicationScoped
public class InternalTokens {

    /** How long a replaced token is still accepted. */
    static final Duration ROTATION_GRACE = Duration.ofSeconds(10);

    private final Optional<Path> dir;
    private final LongSupplier nanoClock;
    private volatile Map<Component, byte[]> digests = Map.of();
    /** Tokens replaced by a rotation, each with the System.nanoTime() until which it is accepted. */
    private volatile Map<Component, Retired> retired = Map.of();
    /** What the files looked like at the last read (modification time and size of each). */
    private volatile List<String> fingerprint = List.of();

    private record Retired(byte[] digest, long until) {
    }

    @Inject
    public InternalTokens(RegistryConfig config) {
        this(config.internalAuth().tokensDir());
    }

    InternalTokens(Optional<String> dir) {
        this(dir, System::nanoTime);
    }

    InternalTokens(Optional<String> dir, LongSupplier nanoClock) {
        this.dir = dir.filter(d -> !d.isBlank()).map(Path::of);
        this.nanoClock = nanoClock;
        reload();
        if (this.dir.isEmpty()) {
            Log.warn("no RUNWAY_INTERNAL_TOKENS_DIR: every /internal call is refused (401)");
        } else {
            Log.infof("internal API credentials of %s read from %s", digests.keySet(), this.dir.get());
        }
    }

    /** The component whose credential {@code token} is; empty when it is nobody's. */
    public Optional<Component> identify(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = sha256(token);
        Optional<Component> found = match(presented, digests);
        if (found.isEmpty() && !fingerprint.equals(fingerprint())) {
            reload();
            found = match(presented, digests);
        }
        return found.or(() -> matchRetired(presented));
    }

    private Optional<Component> matchRetired(byte[] presented) {
        long now = nanoClock.getAsLong();
        Component found = null;
        for (var e : retired.entrySet()) {
            if (MessageDigest.isEqual(presented, e.getValue().digest()) && now - e.getValue().until() < 0) {
                found = e.getKey();
            }
        }
        return Optional.ofNullable(found);
    }

    /** The components that have a credential now. */
    public java.util.Set<Component> known() {
        return digests.keySet();
    }

    private static Optional<Component> match(byte[] presented, Map<Component, byte[]> known) {
        Component found = null;
        for (var e : known.entrySet()) {
            // every digest is compared, a match or not: the time taken says nothing about which
            if (MessageDigest.isEqual(presented, e.getValue())) {
                found = e.getKey();
            }
        }
        return Optional.ofNullable(found);
    }

    /** Each credential file's modification time and size, cheap to compare on every unknown token. */
    private List<String> fingerprint() {
        if (dir.isEmpty()) {
            return List.of();
        }
        List<String> seen = new ArrayList<>();
        for (Component c : Component.values()) {
            Path file = fileOf(c);
            try {
                seen.add(Files.getLastModifiedTime(file) + "/" + Files.size(file));
            } catch (IOException e) {
                seen.add("-");
            }
        }
        return seen;
    }

    private Path fileOf(Component c) {
        Path file = dir.orElseThrow().resolve(c.id());
        return Files.isDirectory(file) ? file.resolve("token") : file;
    }

    private synchronized void reload() {
        if (dir.isEmpty()) {
            return;
        }
        List<String> before = fingerprint();
        Map<Component, byte[]> read = new EnumMap<>(Component.class);
        for (Component c : Component.values()) {
            Path file = fileOf(c);
            try {
                if (Files.isRegularFile(file)) {
                    SecretFile.content(file).ifPresent(token -> read.put(c, sha256(token)));
                }
            } catch (IOException e) {
                Log.warnf("the internal API credential of %s is unreadable (%s): its calls are refused", c,
                        e.getClass().getSimpleName());
            }
        }
        retire(digests, read);
        digests = read;
        fingerprint = before;
    }

    /** Keeps each token that {@code read} replaces or drops, for the grace period. */
    private void retire(Map<Component, byte[]> old, Map<Component, byte[]> read) {
        long now = nanoClock.getAsLong();
        Map<Component, Retired> kept = new EnumMap<>(Component.class);
        retired.forEach((c, r) -> {
            if (now - r.until() < 0) {
                kept.put(c, r);
            }
        });
        old.forEach((c, digest) -> {
            if (!MessageDigest.isEqual(digest, read.getOrDefault(c, new byte[0]))) {
                kept.put(c, new Retired(digest, now + ROTATION_GRACE.toNanos()));
                Log.infof("the internal API credential of %s was rotated: the old one is accepted for %d s more", c,
                        ROTATION_GRACE.toSeconds());
            }
        });
        retired = kept;
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
