package dev.runway.events.credential;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A secret a process is handed as a file (a password, a token: {@code RUNWAY_..._FILE}) and reads
 * again at each use, so that {@code ./runway credentials rotate} replaces it without a restart
 * (docs/security.md, "Rotating"). The one way the platform reads such a file: UTF-8, the white space
 * around it (the trailing newline) stripped, and a file of nothing but white space holds no secret.
 *
 * <p>What a read does when the file cannot be read is chosen once, by the reader
 * ({@link WhenUnreadable}). Readers with a policy of their own (a refusal, a warning, a fallback)
 * use {@link #content(Path)} and handle its {@link IOException}.
 */
public final class SecretFile {

    /** What {@link #read()} does when the file cannot be read. */
    public enum WhenUnreadable {
        /** A fault to fix: an {@link IllegalStateException} naming the file and the setting that names it. */
        FAIL,
        /**
         * The last secret read (at first the one given): the file may be missing or empty for a moment
         * while it is replaced; whoever checks the secret says if it is no longer valid.
         */
        KEEP_LAST
    }

    private final Path file;
    private final String setting;
    private final WhenUnreadable policy;
    private volatile String last;

    private SecretFile(Path file, String setting, WhenUnreadable policy, String initial) {
        this.file = file;
        this.setting = setting;
        this.policy = policy;
        this.last = initial;
    }

    /** A file whose failure to read is an error naming {@code setting} (the setting or variable that names the file). */
    public static SecretFile failing(Path file, String setting) {
        return new SecretFile(file, setting, WhenUnreadable.FAIL, null);
    }

    /** A file that, unreadable or empty, gives the last secret read; {@code initial} (may be null) until one is. */
    public static SecretFile keepingLast(Path file, String initial) {
        return new SecretFile(file, null, WhenUnreadable.KEEP_LAST, initial);
    }

    public Path file() {
        return file;
    }

    /**
     * The secret now, read from the file at this call. {@link WhenUnreadable#FAIL}: empty when the
     * file is empty; {@link WhenUnreadable#KEEP_LAST}: the last secret read when it is empty or
     * unreadable (empty when there never was one).
     *
     * @throws IllegalStateException with {@link WhenUnreadable#FAIL}, when the file cannot be read
     */
    public Optional<String> read() {
        try {
            Optional<String> now = content(file);
            if (policy == WhenUnreadable.KEEP_LAST) {
                now.ifPresent(s -> last = s);
                return Optional.ofNullable(last);
            }
            return now;
        } catch (IOException e) {
            if (policy == WhenUnreadable.KEEP_LAST) {
                return Optional.ofNullable(last);
            }
            throw new IllegalStateException("cannot read the secret file " + file + " (" + setting + "): "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
    }

    /**
     * What {@code file} holds now: its text stripped of surrounding white space, or empty when
     * nothing else is there.
     *
     * @throws IOException when it cannot be read (missing, a directory, not allowed)
     */
    public static Optional<String> content(Path file) throws IOException {
        String s = Files.readString(file, StandardCharsets.UTF_8).strip();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}
