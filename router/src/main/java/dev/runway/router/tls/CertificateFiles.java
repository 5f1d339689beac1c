package dev.runway.router.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Certificates from files, kept in {@link Certificates} and reloaded when the files change (the
 * launcher renews the platform's certificate in place): one chain and key named by
 * {@code RUNWAY_ROUTER_TLS_CERT} and {@code RUNWAY_ROUTER_TLS_KEY}, and every pair in
 * {@code RUNWAY_ROUTER_TLS_DIR} ({@code <name>.crt} with {@code <name>.key}, or {@code <name>.pem}
 * with {@code <name>-key.pem}; CA certificates there are skipped). A pair that cannot be read is
 * logged and, if an older version of it was served, that one stays.
 */
public final class CertificateFiles {

    private static final Logger LOG = Logger.getLogger(CertificateFiles.class);

    /** A chain file and its key. */
    record Pair(Path chain, Path key) {
        String id() {
            return "file:" + chain;
        }
    }

    private final Certificates target;
    private final Optional<Pair> named;
    private final Optional<Path> directory;
    /** Per served pair id: the files' sizes and times when last read. */
    private final Map<String, String> seen = new HashMap<>();

    public CertificateFiles(Certificates target, Optional<Path> chain, Optional<Path> key, Optional<Path> directory) {
        if (chain.isPresent() != key.isPresent()) {
            throw new IllegalArgumentException("RUNWAY_ROUTER_TLS_CERT and RUNWAY_ROUTER_TLS_KEY go together: "
                    + "set both or neither");
        }
        this.target = target;
        this.named = chain.map(c -> new Pair(c, key.get()));
        this.directory = directory;
    }

    private Pair issuerFiles;
    private String issuerDomain;
    private java.util.function.Predicate<String> routed;

    /**
     * Also the issuing CA ({@code RUNWAY_ROUTER_TLS_ISSUER_CERT} and {@code _KEY}) that makes a
     * certificate for each routed host one label under {@code domain} ({@link HostIssuer}).
     */
    public CertificateFiles withIssuer(Path certificate, Path key, String domain,
            java.util.function.Predicate<String> routed) {
        this.issuerFiles = new Pair(certificate, key);
        this.issuerDomain = domain;
        this.routed = routed;
        return this;
    }

    /** Whether any file is configured. */
    public boolean configured() {
        return named.isPresent() || directory.isPresent() || issuerFiles != null;
    }

    private int refreshIssuer() {
        String stamp = stamp(issuerFiles);
        String id = "issuer:" + issuerFiles.chain();
        if (stamp == null || stamp.equals(seen.get(id))) {
            return 0;
        }
        seen.put(id, stamp);
        try {
            target.issueWith(HostIssuer.read(issuerFiles.chain(), issuerFiles.key(), issuerDomain, routed));
            LOG.infof("TLS: issuing certificates for the hosts under %s with %s", issuerDomain, issuerFiles.chain());
            return 1;
        } catch (IOException | RuntimeException e) {
            LOG.warnf("TLS: the issuing CA %s with %s cannot be used: %s", issuerFiles.chain(), issuerFiles.key(),
                    e.getMessage());
            return 0;
        }
    }

    /** Reads what is new or changed, drops what is gone; returns how many certificates changed. */
    public synchronized int refresh() {
        Map<String, Pair> pairs = new LinkedHashMap<>();
        named.ifPresent(p -> pairs.put(p.id(), p));
        directory.ifPresent(dir -> scan(dir).forEach(p -> pairs.putIfAbsent(p.id(), p)));
        int changes = issuerFiles == null ? 0 : refreshIssuer();
        for (Pair pair : pairs.values()) {
            String stamp = stamp(pair);
            if (stamp == null || stamp.equals(seen.get(pair.id()))) {
                if (stamp == null && !seen.containsKey(pair.id() + "#missing")) {
                    LOG.warnf("TLS: %s or %s cannot be read", pair.chain(), pair.key());
                    seen.put(pair.id() + "#missing", "");
                }
                continue;
            }
            seen.remove(pair.id() + "#missing");
            seen.put(pair.id(), stamp);
            try {
                var chain = PemFiles.chain(Files.readAllBytes(pair.chain()));
                boolean scanned = !named.map(pair::equals).orElse(false);
                if (scanned && !chain.isEmpty() && chain.get(0).getBasicConstraints() >= 0) {
                    continue; // a CA's own certificate beside the ones it signed
                }
                ServingCertificate certificate = ServingCertificate.of(chain,
                        PemFiles.key(Files.readString(pair.key(), java.nio.charset.StandardCharsets.US_ASCII)));
                target.put(pair.id(), certificate);
                changes++;
            } catch (IOException | RuntimeException e) {
                LOG.warnf("TLS: %s with %s cannot be served: %s", pair.chain(), pair.key(), e.getMessage());
            }
        }
        for (CertificateSet.Entry e : target.current().entries()) {
            if (e.id().startsWith("file:") && !pairs.containsKey(e.id())) {
                target.remove(e.id());
                seen.remove(e.id());
                changes++;
            }
        }
        return changes;
    }

    private static Stream<Pair> scan(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().map(CertificateFiles::pairOf).flatMap(Optional::stream).toList().stream();
        } catch (IOException e) {
            LOG.warnf("TLS: the certificate directory %s cannot be read: %s", dir, e.getMessage());
            return Stream.empty();
        }
    }

    private static Optional<Pair> pairOf(Path file) {
        String name = file.getFileName().toString();
        Path key = null;
        if (name.endsWith(".crt")) {
            key = file.resolveSibling(name.substring(0, name.length() - 4) + ".key");
        } else if (name.endsWith(".pem") && !name.endsWith("-key.pem")) {
            key = file.resolveSibling(name.substring(0, name.length() - 4) + "-key.pem");
        }
        return key != null && Files.isRegularFile(key) ? Optional.of(new Pair(file, key)) : Optional.empty();
    }

    private static String stamp(Pair pair) {
        try {
            BasicFileAttributes c = Files.readAttributes(pair.chain(), BasicFileAttributes.class);
            BasicFileAttributes k = Files.readAttributes(pair.key(), BasicFileAttributes.class);
            return c.size() + "@" + c.lastModifiedTime().toMillis() + "/" + k.size() + "@"
                    + k.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return null;
        }
    }
}
