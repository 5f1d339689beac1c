package dev.runway.registry.internalauth;

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
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every component's credential for the {@code /internal/*} API, read from
 * {@code RUNWAY_INTERNAL_TOKENS_DIR}: a file {@code <dir>/<component>} (the launcher's layout) or
 * {@code <dir>/<component>/token} (the compose stack's, one volume per component). Only their
 * SHA-256 digests are kept; a presented token is compared with every one in constant time. A token
 * that matches none makes it read the directory again (at most once a second), so a credential
 * made or rotated after the start is known without a restart. No directory, no credential: every
 * internal call is refused (fail closed).
 */
@ApplicationScoped
public class InternalTokens {

    private static final long RELOAD_GAP_NANOS = 1_000_000_000L;

    private final Optional<Path> dir;
    private volatile Map<Component, byte[]> digests = Map.of();
    private volatile long loadedAt;

    @Inject
    public InternalTokens(RegistryConfig config) {
        this(config.internalAuth().tokensDir());
    }

    InternalTokens(Optional<String> dir) {
        this.dir = dir.filter(d -> !d.isBlank()).map(Path::of);
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
        if (found.isEmpty() && System.nanoTime() - loadedAt > RELOAD_GAP_NANOS) {
            reload();
            found = match(presented, digests);
        }
        return found;
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

    private synchronized void reload() {
        loadedAt = System.nanoTime();
        if (dir.isEmpty()) {
            return;
        }
        Map<Component, byte[]> read = new EnumMap<>(Component.class);
        for (Component c : Component.values()) {
            Path file = dir.get().resolve(c.id());
            if (Files.isDirectory(file)) {
                file = file.resolve("token");
            }
            try {
                if (Files.isRegularFile(file)) {
                    String token = Files.readString(file, StandardCharsets.UTF_8).strip();
                    if (!token.isEmpty()) {
                        read.put(c, sha256(token));
                    }
                }
            } catch (IOException e) {
                Log.warnf("the internal API credential of %s is unreadable (%s): its calls are refused", c,
                        e.getClass().getSimpleName());
            }
        }
        digests = read;
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
