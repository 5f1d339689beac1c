package dev.runway.router.proxy;

import dev.runway.router.route.Route;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cold starts: requests for a service that scaled to zero ({@link Route#cold()}) wait in its
 * queue for at most {@code holdTimeout} (then 503 with {@code Retry-After}), and the service is
 * woken at once through the {@link Waker} with as many instances as the held requests need
 * (held / MaxConcurrency, rounded up, capped by MaxSize). The ask is repeated when more are needed
 * than last asked, and every {@code resend} while requests stay held (a lost message, a registry
 * that was restarting); the registry takes a repeated ask as a no-op. Safe from any thread.
 */
public final class ColdStart {

    /** Sends the wake; must not block the caller (an event loop). */
    public interface Waker {
        Waker NONE = (serviceArn, instances, reason) -> {
        };

        void wake(String serviceArn, int instances, String reason);
    }

    private final Duration holdTimeout;
    private final Duration resend;
    private final Waker waker;
    private final Map<String, Asked> asked = new ConcurrentHashMap<>();

    private record Asked(int instances, long atNanos) {
    }

    public ColdStart(Duration holdTimeout, Duration resend, Waker waker) {
        this.holdTimeout = holdTimeout == null || holdTimeout.isNegative() || holdTimeout.isZero()
                ? DEFAULT_HOLD : holdTimeout;
        this.resend = resend;
        this.waker = waker;
    }

    public static final Duration DEFAULT_HOLD = Duration.ofSeconds(30);

    /** Holds requests of cold services and wakes no one (a proxy without a wake channel). */
    public static ColdStart holdOnly() {
        return new ColdStart(DEFAULT_HOLD, Duration.ofSeconds(2), Waker.NONE);
    }

    /** How long a request may be held for a service to come up from zero. */
    public Duration holdTimeout() {
        return holdTimeout;
    }

    /** The instances {@code held} requests need: held / MaxConcurrency rounded up, in [1, MaxSize]. */
    public static int instancesFor(int held, int maxConcurrency, int maxSize) {
        int perInstance = Math.max(1, maxConcurrency);
        int wanted = (int) Math.min(Integer.MAX_VALUE, ((long) Math.max(1, held) + perInstance - 1) / perInstance);
        return Math.max(1, Math.min(Math.max(1, maxSize), wanted));
    }

    /**
     * {@code held} requests wait for the cold {@code route}: wakes it when this needs more instances
     * than last asked for, or when the last ask is {@code resend} old.
     *
     * @return whether a wake was sent
     */
    boolean held(Route route, int held, int maxConcurrency, int maxSize, long nowNanos) {
        int instances = instancesFor(held, maxConcurrency, maxSize);
        Asked before = asked.get(route.serviceArn());
        if (before != null && before.instances() >= instances && nowNanos - before.atNanos() < resend.toNanos()) {
            return false;
        }
        int ask = before != null && nowNanos - before.atNanos() < resend.toNanos()
                ? Math.max(before.instances(), instances) : instances;
        asked.put(route.serviceArn(), new Asked(ask, nowNanos));
        waker.wake(route.serviceArn(), ask, "cold start: " + held + " request(s) held with MaxConcurrency "
                + maxConcurrency + " per instance");
        return true;
    }

    /** The service is no longer cold: the next cold start asks afresh. */
    void warm(String serviceArn) {
        asked.remove(serviceArn);
    }
}
