package dev.runway.gateway.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's signed-in browsers, in the gateway's memory: a random session id (the cookie)
 * names the access key that signed in and the CSRF token its forms carry. The secret is checked
 * at sign-in and never kept. A session ends at sign-out, after {@link #IDLE} without a request,
 * {@link #LIFETIME} after sign-in, or when the gateway restarts (the browser signs in again).
 */
@ApplicationScoped
public class Sessions {

    static final Duration IDLE = Duration.ofMinutes(30);
    static final Duration LIFETIME = Duration.ofHours(8);
    private static final int MAX_SESSIONS = 10_000;

    /** One signed-in browser. */
    public record Session(String id, String accessKeyId, String csrfToken, Instant signedInAt, Instant lastSeen) {

        boolean expiredAt(Instant now) {
            return !now.isBefore(lastSeen.plus(IDLE)) || !now.isBefore(signedInAt.plus(LIFETIME));
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;

    @Inject
    public Sessions() {
        this(Clock.systemUTC());
    }

    Sessions(Clock clock) {
        this.clock = clock;
    }

    /** A new session for a key whose secret was just checked. */
    public Session start(String accessKeyId) {
        Instant now = clock.instant();
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().removeIf(s -> s.expiredAt(now));
        }
        Session session = new Session(token(), accessKeyId, token(), now, now);
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session with this id, its idle time restarted; empty when unknown or expired (then forgotten). */
    public Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Session found = sessions.get(id);
        if (found == null) {
            return Optional.empty();
        }
        if (found.expiredAt(now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        Session touched = new Session(found.id(), found.accessKeyId(), found.csrfToken(), found.signedInAt(), now);
        sessions.put(id, touched);
        return Optional.of(touched);
    }

    /** Whether the session is still live, without restarting its idle time (the live stream asks this). */
    public boolean alive(String id) {
        Session found = sessions.get(id);
        return found != null && !found.expiredAt(clock.instant());
    }

    public void end(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Ends every session of a key (it was deleted). */
    public void endAllOf(String accessKeyId) {
        sessions.values().removeIf(s -> s.accessKeyId().equals(accessKeyId));
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
