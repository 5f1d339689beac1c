package dev.runway.gateway.config;

import dev.runway.events.credential.SecretFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A secret of the gateway that {@code ./runway credentials rotate} replaces without a restart
 * (docs/security.md, "Rotating"): read from a file ({@code RUNWAY_..._FILE}) again whenever the
 * file changes, or fixed by a value in the environment (the compose stack's). A rotation leaves
 * the replaced secret in {@code <file>.previous}; it stays in force for {@link #grace()} counted
 * from that file's modification time (the moment of the rotation, so a gateway that starts or first
 * looks later still ends it on time, and a restart does not forget it).
 */
public final class RotatingSecret {

    private final SecretFile file;
    private final String fixed;
    private final Duration grace;
    private final Clock clock;
    private volatile Read last = new Read(List.of(), null, null, null);

    /** What the files held at their last read, and their modification times and sizes then. */
    private record Read(List<String> stamp, String current, String previous, Instant previousUntil) {
    }

    public RotatingSecret(Optional<String> file, Optional<String> value, Duration grace) {
        this(file, value, grace, Clock.systemUTC());
    }

    RotatingSecret(Optional<String> file, Optional<String> value, Duration grace, Clock clock) {
        this.file = file.map(String::strip).filter(f -> !f.isEmpty()).map(f -> SecretFile.keepingLast(Path.of(f), null))
                .orElse(null);
        this.fixed = value.map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
        this.grace = grace;
        this.clock = clock;
    }

    /** Whether a file or a value is configured (a configured file that cannot be read accepts nothing). */
    public boolean configured() {
        return file != null || fixed != null;
    }

    public Duration grace() {
        return grace;
    }

    /** The secret in force now (empty when none is configured). */
    public Optional<String> current() {
        return Optional.ofNullable(read().current());
    }

    /** The replaced secret while its grace lasts. */
    public Optional<String> previous() {
        Read r = read();
        if (r.previous() == null || r.previous().equals(r.current()) || !clock.instant().isBefore(r.previousUntil())) {
            return Optional.empty();
        }
        return Optional.of(r.previous());
    }

    /** The current secret, then the replaced one while its grace lasts. */
    public List<String> inForce() {
        List<String> all = new ArrayList<>(2);
        current().ifPresent(all::add);
        previous().ifPresent(all::add);
        return all;
    }

    /** Whether {@code presented} is a secret in force, compared with each in constant time. */
    public boolean accepts(String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        byte[] given = presented.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (String s : inForce()) {
            match |= MessageDigest.isEqual(given, s.getBytes(StandardCharsets.UTF_8));
        }
        return match;
    }

    private Read read() {
        if (file == null) {
            return new Read(List.of(), fixed, null, null);
        }
        Path previousFile = previousFile();
        List<String> stamp = List.of(stamp(file.file()), stamp(previousFile));
        Read r = last;
        if (stamp.equals(r.stamp())) {
            return r;
        }
        synchronized (this) {
            r = last;
            if (stamp.equals(r.stamp())) {
                return r;
            }
            // unreadable or empty for a moment: keep what was read last
            String current = file.read().orElse(null);
            String previous = null;
            Instant until = null;
            try {
                previous = SecretFile.content(previousFile).orElse(null);
                if (previous != null) {
                    until = Files.getLastModifiedTime(previousFile).toInstant().plus(grace);
                }
            } catch (IOException e) {
                previous = null;
            }
            last = new Read(stamp, current == null ? fixed : current, previous, until);
            return last;
        }
    }

    private Path previousFile() {
        return file.file().resolveSibling(file.file().getFileName() + ".previous");
    }

    private static String stamp(Path f) {
        try {
            FileTime modified = Files.getLastModifiedTime(f);
            return modified + "/" + Files.size(f);
        } catch (IOException e) {
            return "-";
        }
    }
}
