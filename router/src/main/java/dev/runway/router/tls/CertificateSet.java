package dev.runway.router.tls;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The certificates served at one moment, each under the id of the source that put it there
 * ({@code file:/…/platform.crt}, later {@code domain:app.example.test}). Immutable: a change makes
 * a new set. Choosing one for a handshake is a plain function of the requested name (SNI):
 *
 * <ol>
 *   <li>a certificate naming the host exactly,</li>
 *   <li>else one whose wildcard {@code *.rest} covers it (one label),</li>
 *   <li>else the default: the first certificate put (no SNI, an IP address, an unknown name),</li>
 * </ol>
 * each time only among certificates with a key of the type the handshake can use ({@code EC} or
 * {@code RSA}); among several, one from the ACME CA (ids {@code domain:} and {@code platform:})
 * before the platform CA's (its files, {@code file:}, and what its issuer makes, {@code issued:}),
 * then the one that expires last.
 */
public final class CertificateSet {

    /** One certificate with the alias the key manager knows it by (never reused). */
    public record Entry(String id, String alias, ServingCertificate certificate) {
    }

    static final CertificateSet EMPTY = new CertificateSet(Map.of());

    private final Map<String, Entry> byId;
    private final Map<String, Entry> byAlias = new LinkedHashMap<>();

    CertificateSet(Map<String, Entry> byId) {
        this.byId = byId;
        byId.values().forEach(e -> byAlias.put(e.alias(), e));
    }

    /** This set with the certificate of {@code id} put in (replaced when present, in its place). */
    CertificateSet with(String id, String alias, ServingCertificate certificate) {
        Map<String, Entry> next = new LinkedHashMap<>(byId);
        next.put(id, new Entry(id, alias, certificate));
        return new CertificateSet(next);
    }

    /** This set without the certificate of {@code id}. */
    CertificateSet without(String id) {
        if (!byId.containsKey(id)) {
            return this;
        }
        Map<String, Entry> next = new LinkedHashMap<>(byId);
        next.remove(id);
        return new CertificateSet(next);
    }

    /**
     * The certificate for a handshake that asked for {@code serverName} (null: no SNI) and can
     * use a key of {@code keyType}; empty when no certificate has such a key.
     */
    public Optional<Entry> choose(String serverName, String keyType) {
        String host = normalize(serverName);
        Entry exact = null;
        Entry wildcard = null;
        Entry fallback = null;
        for (Entry e : byId.values()) {
            ServingCertificate c = e.certificate();
            if (!c.keyType().equalsIgnoreCase(keyType)) {
                continue;
            }
            if (fallback == null) {
                fallback = e;
            }
            if (host == null) {
                continue;
            }
            if (c.names().contains(host)) {
                exact = later(exact, e);
            } else if (c.covers(host)) {
                wildcard = later(wildcard, e);
            }
        }
        return Optional.ofNullable(exact != null ? exact : wildcard != null ? wildcard : fallback);
    }

    /** Whether some certificate names {@code host} (exactly or by wildcard); the default does not count. */
    public boolean covers(String host) {
        String name = normalize(host);
        return name != null && byId.values().stream().anyMatch(e -> e.certificate().covers(name));
    }

    Entry byAlias(String alias) {
        return byAlias.get(alias);
    }

    /** Every certificate, in the order they were first put. */
    public List<Entry> entries() {
        return List.copyOf(byId.values());
    }

    public int size() {
        return byId.size();
    }

    /** The better of two candidates: publicly issued before the platform CA's, then the one that expires last. */
    private static Entry later(Entry a, Entry b) {
        if (a == null) {
            return b;
        }
        if (fromPlatformCa(a) != fromPlatformCa(b)) {
            return fromPlatformCa(a) ? b : a;
        }
        return b.certificate().notAfter().isAfter(a.certificate().notAfter()) ? b : a;
    }

    private static boolean fromPlatformCa(Entry e) {
        return e.id().startsWith("file:") || e.id().startsWith(Certificates.ISSUED);
    }

    private static String normalize(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String host = name.strip().toLowerCase(Locale.ROOT);
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host.isEmpty() ? null : host;
    }
}
