package dev.runway.gateway.auth;

import dev.runway.events.query.AccessKeySecret;
import dev.runway.events.query.RegistryQueries;
import dev.runway.gateway.config.GatewayConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Access keys as the service-registry knows them, each remembered for a short while: a key
 * deleted in the registry stops working here within {@code runway.auth.cache-ttl} (5 s). An unknown
 * key is remembered for a second, so a client retrying a bad key does not hammer the registry.
 * While the registry cannot be reached, a key already seen keeps working.
 */
@ApplicationScoped
public class CredentialCache implements SecretLookup {

    private static final Duration UNKNOWN_TTL = Duration.ofSeconds(1);
    private static final int MAX_ENTRIES = 10_000;

    /** A lookup's answer (empty: no such key) and when it was made. */
    private record Entry(Optional<String> secret, long fetchedAtNanos) {
    }

    @FunctionalInterface
    interface Source {
        Optional<AccessKeySecret> fetch(String accessKeyId) throws IOException;
    }

    private final Source source;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Inject
    public CredentialCache(GatewayConfig config) {
        this(new RegistryQueries(config.serviceRegistry().url(), Duration.ofSeconds(2))::accessKeySecret,
                config.auth().cacheTtl(), System::nanoTime);
    }

    CredentialCache(Source source, Duration ttl, LongSupplier nanoTime) {
        this.source = source;
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public Optional<String> secretFor(String accessKeyId) throws CredentialsUnavailable {
        long now = nanoTime.getAsLong();
        Entry cached = entries.get(accessKeyId);
        if (cached != null && now - cached.fetchedAtNanos() < (cached.secret().isPresent() ? ttlNanos
                : Math.min(ttlNanos, UNKNOWN_TTL.toNanos()))) {
            return cached.secret();
        }
        Optional<String> secret;
        try {
            secret = source.fetch(accessKeyId).map(AccessKeySecret::secretAccessKey);
        } catch (IOException e) {
            if (cached != null && cached.secret().isPresent()) {
                Log.warnf("the service-registry does not answer (%s); access key %s stays trusted as last seen",
                        e.getMessage(), accessKeyId);
                return cached.secret();
            }
            throw new CredentialsUnavailable("Runway cannot check the request's access key right now: its"
                    + " service-registry does not answer (" + e.getMessage() + "). Retry shortly; ./runway status"
                    + " shows which components run.", e);
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(accessKeyId, new Entry(secret, now));
        return secret;
    }
}
