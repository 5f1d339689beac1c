package dev.runway.events.query;

import dev.runway.events.credential.SecretFile;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * This process's credential for the service-registry's {@code /internal/*} API (docs/security.md,
 * "Internal HTTP"): a bearer token of 32 random bytes that the launcher or the compose entrypoint
 * makes once per component and hands to that component only, as the file named by
 * {@code RUNWAY_INTERNAL_TOKEN_FILE} (or, for tools, the value {@code RUNWAY_INTERNAL_TOKEN}).
 * The file is read again when it changes, so a rotated token is picked up without a restart.
 * Every client of the registry sends it with {@link #authorize(HttpRequest.Builder)}; a process
 * without one sends nothing, and the registry answers 401.
 */
public final class InternalCredential {

    /** The header the registry reads: {@code Authorization: Bearer <token>}. */
    public static final String HEADER = "Authorization";

    private static final InternalCredential PROCESS = new InternalCredential(
            System.getenv("RUNWAY_INTERNAL_TOKEN_FILE"), System.getenv("RUNWAY_INTERNAL_TOKEN"));

    private final Path file;
    private final String value;
    private volatile FileTime readAt;
    private volatile String fromFile;

    InternalCredential(String file, String value) {
        this.file = file == null || file.isBlank() ? null : Path.of(file);
        this.value = value == null || value.isBlank() ? null : value.strip();
    }

    /** The credential this process was started with (the environment's). */
    public static InternalCredential process() {
        return PROCESS;
    }

    /** Adds this process's {@code Authorization} header to a request to the registry (none when it has no token). */
    public static HttpRequest.Builder authorize(HttpRequest.Builder request) {
        PROCESS.token().ifPresent(t -> request.header(HEADER, "Bearer " + t));
        return request;
    }

    /** A request builder for the registry at {@code uri} that carries this process's credential. */
    public static HttpRequest.Builder request(java.net.URI uri) {
        return authorize(HttpRequest.newBuilder(uri));
    }

    /** The token, read from the file when it changed since the last read; empty when none is configured. */
    public Optional<String> token() {
        if (value != null) {
            return Optional.of(value);
        }
        if (file == null) {
            return Optional.empty();
        }
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (fromFile == null || !modified.equals(readAt)) {
                fromFile = SecretFile.content(file).orElse(null);
                readAt = modified;
            }
        } catch (IOException e) {
            // unreadable now: keep the last token read (the registry says 401 if there is none)
        }
        return Optional.ofNullable(fromFile);
    }
}
