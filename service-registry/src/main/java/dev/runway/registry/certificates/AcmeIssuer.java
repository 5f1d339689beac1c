package dev.runway.registry.certificates;

import dev.runway.events.resource.CertificateValidationRecord;
import dev.runway.registry.config.RegistryConfig;
import dev.runway.registry.resource.ResourceViews;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.connector.HttpConnector;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.provider.GenericAcmeProvider;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * Certificates for custom domains from the ACME CA at {@code RUNWAY_ACME_DIRECTORY}: for each
 * domain in CREATING (or left pending by a restart), an order for the domain (and {@code www.}),
 * HTTP-01 challenges answered by the routers through {@link #keyAuthorization}, a fresh EC P-256
 * key, and the chain and sealed key recorded on the domain's stream (ACTIVE); renewed at two
 * thirds of the certificate's lifetime. A wildcard ({@code *.example.com}) is validated over DNS-01
 * instead, through the operator's {@link DnsHook} ({@code RUNWAY_ACME_DNS_HOOK}). A CA that cannot
 * be reached is retried with a doubling pause, then the domain ends CREATE_FAILED with the reason.
 * Nothing runs without a directory.
 */
@ApplicationScoped
public class AcmeIssuer {

    private static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration MAX_PLATFORM_PAUSE = Duration.ofHours(1);
    private static final String PLATFORM = "platform";

    private final RegistryConfig.Acme config;
    private final DomainCertificates domains;
    private final Optional<DnsHook> dnsHook;
    private final PlatformCertificates platform;
    private final String platformDomain;
    private volatile Instant platformRenewAt;
    private volatile Instant platformNextTry = Instant.EPOCH;
    private volatile Duration platformPause;
    private final Map<String, String> challenges = new ConcurrentHashMap<>();
    private final Set<String> working = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService scanner;
    private ExecutorService workers;
    private volatile Account account;

    public AcmeIssuer(RegistryConfig config, DomainCertificates domains, PlatformCertificates platform) {
        this.config = config.acme();
        this.domains = domains;
        this.platform = platform;
        this.platformDomain = config.domain();
        this.platformPause = this.config.retryDelay();
        this.dnsHook = this.config.dnsHook().map(hook -> new DnsHook(hook, this.config.dnsHookTimeout()));
    }

    void start(@Observes StartupEvent ignored) {
        if (config.directory().isEmpty()) {
            Log.info("custom domains: no ACME directory (RUNWAY_ACME_DIRECTORY), no certificates are issued");
            return;
        }
        if (java.security.Security.getProvider("BC") == null) {
            // acme4j signs its requests and reads PEM through BouncyCastle
            java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        }
        Log.infof("custom domains: certificates from the ACME CA at %s", config.directory().get());
        if (config.platformWildcard() && !platformWildcardPossible()) {
            Log.errorf("RUNWAY_ACME_PLATFORM_WILDCARD is on, but *.%s cannot be certified: %s", platformDomain,
                    dnsHook.isEmpty() ? "a wildcard needs DNS-01, and RUNWAY_ACME_DNS_HOOK is not set"
                            : "clients refuse a wildcard over one label; RUNWAY_DOMAIN needs two or more");
        } else if (config.platformWildcard()) {
            Log.infof("platform certificate: *.%s from the same CA, over DNS-01", platformDomain);
        }
        workers = Executors.newFixedThreadPool(2, r -> daemon(r, "acme-issuer"));
        scanner = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "acme-scanner"));
        long period = Math.max(200, config.period().toMillis());
        scanner.scheduleWithFixedDelay(this::scan, period, period, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (scanner != null) {
            scanner.shutdownNow();
            workers.shutdownNow();
        }
    }

    boolean platformWildcardPossible() {
        return dnsHook.isPresent() && platformDomain.contains(".");
    }

    /** The key authorization the CA expects at {@code /.well-known/acme-challenge/<token>}. */
    public Optional<String> keyAuthorization(String token) {
        return Optional.ofNullable(challenges.get(token));
    }

    private void scan() {
        try {
            Instant now = Instant.now();
            for (ResourceViews.DomainRow row : domains.domains()) {
                String key = row.serviceArn() + "|" + row.domainName();
                if (due(row, now) && working.add(key)) {
                    workers.execute(() -> {
                        try {
                            issue(row);
                        } finally {
                            working.remove(key);
                        }
                    });
                }
            }
        } catch (RuntimeException e) {
            Log.warnf("custom domains: cannot read the domains to certify (%s); trying again", e.getMessage());
        }
        if (config.platformWildcard() && platformWildcardPossible() && working.add(PLATFORM)) {
            workers.execute(() -> {
                try {
                    certifyPlatform();
                } finally {
                    working.remove(PLATFORM);
                }
            });
        }
    }

    /** New domains, domains a restart left pending, and certificates past two thirds of their life. */
    static boolean due(ResourceViews.DomainRow row, Instant now) {
        return switch (row.status()) {
            case "CREATING", "PENDING_CERTIFICATE_DNS_VALIDATION" -> true;
            case "ACTIVE" -> row.notBefore() != null && row.notAfter() != null
                    && !now.isBefore(renewAt(row.notBefore(), row.notAfter()));
            default -> false;
        };
    }

    static Instant renewAt(Instant notBefore, Instant notAfter) {
        return notBefore.plus(Duration.between(notBefore, notAfter).multipliedBy(2).dividedBy(3));
    }

    private void issue(ResourceViews.DomainRow row) {
        boolean renewal = "ACTIVE".equals(row.status());
        boolean wildcard = row.domainName().startsWith("*.");
        List<String> names = new ArrayList<>(List.of(row.domainName()));
        if (row.enableWwwSubdomain() && !wildcard) {
            names.add("www." + row.domainName());
        }
        if (wildcard && dnsHook.isEmpty()) {
            fail(row, renewal, "A wildcard domain needs the CA's DNS-01 validation, and no DNS hook is set"
                    + " (RUNWAY_ACME_DNS_HOOK, docs/custom-domains.md): set one, or associate each name (such as app."
                    + row.domainName().substring(2) + ") instead.");
            return;
        }
        Duration pause = config.retryDelay();
        for (int attempt = 1; ; attempt++) {
            try {
                order(row, names, renewal);
                return;
            } catch (AcmeServerException e) {
                fail(row, renewal, "The certificate authority refused the certificate for " + String.join(" and ", names)
                        + ": " + words(e.getProblem()) + ".");
                return;
            } catch (Refused e) {
                fail(row, renewal, e.getMessage());
                return;
            } catch (AcmeException | IOException | RuntimeException e) {
                if (attempt >= config.attempts()) {
                    fail(row, renewal, "The certificate authority at " + config.directory().get() + " could not be"
                            + " reached after " + attempt + " attempts (" + e.getMessage() + "). Check that it is up and"
                            + " that RUNWAY_ACME_DIRECTORY is right, then disassociate and associate the domain again.");
                    return;
                }
                Log.warnf("custom domain %s: the CA did not answer (%s); attempt %d of %d again in %s", row.domainName(),
                        e.getMessage(), attempt + 1, config.attempts(), pause);
                account = null;
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
                pause = pause.multipliedBy(2);
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void order(ResourceViews.DomainRow row, List<String> names, boolean renewal)
            throws AcmeException, IOException, InterruptedException {
        List<CertificateValidationRecord> records = row.records();
        Obtained got = obtain(names, () -> renewal || domains.status(row.serviceArn(), row.domainName(),
                "PENDING_CERTIFICATE_DNS_VALIDATION", records(records, "PENDING_VALIDATION"), null));
        if (got == null) {
            return;
        }
        X509Certificate leaf = got.leaf();
        if (!domains.issued(row.serviceArn(), row.domainName(), names, pem(got.chain()), pkcs8(got.key()),
                leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant())) {
            return;
        }
        if (!renewal) {
            domains.status(row.serviceArn(), row.domainName(), "ACTIVE", records(records, "SUCCESS"), null);
        }
        Log.infof("custom domain %s: certificate %s for %s until %s", row.domainName(),
                renewal ? "renewed" : "issued", names, leaf.getNotAfter().toInstant());
    }

    /** A certificate chain from the CA and the key it certifies. */
    record Obtained(List<X509Certificate> chain, KeyPair key) {
        X509Certificate leaf() {
            return chain.get(0);
        }
    }

    /**
     * Orders a certificate for {@code names} and proves each name (HTTP-01 answered by the routers,
     * a wildcard over DNS-01 through the hook); {@code ordered} runs once the CA took the order and
     * may stop there (false: null is answered).
     */
    private Obtained obtain(List<String> names, java.util.function.BooleanSupplier ordered)
            throws AcmeException, IOException, InterruptedException {
        Order order = account().newOrder().domains(names).create();
        if (!ordered.getAsBoolean()) {
            return null;
        }
        List<String> tokens = new ArrayList<>();
        try {
            for (Authorization auth : order.getAuthorizations()) {
                if (auth.getStatus() == Status.VALID) {
                    continue;
                }
                String name = auth.getIdentifier().getDomain();
                if (auth.isWildcard()) {
                    validateOverDns(auth, name);
                    continue;
                }
                Http01Challenge challenge = auth.findChallenge(Http01Challenge.class).orElseThrow(() -> new Refused(
                        "The certificate authority offers no HTTP-01 validation for " + name + "; Runway validates"
                                + " domains over HTTP only."));
                challenges.put(challenge.getToken(), challenge.getAuthorization());
                tokens.add(challenge.getToken());
                validate(challenge, name, "Point " + name + " (a CNAME or A record) at the service's DNSTarget so that"
                        + " http://" + name + "/.well-known/acme-challenge/ reaches Runway's router on port 80");
            }
            KeyPair key = KeyPairUtils.createECKeyPair("secp256r1");
            order.waitUntilReady(VALIDATION_TIMEOUT);
            order.execute(key);
            Status done = order.waitForCompletion(VALIDATION_TIMEOUT);
            if (done != Status.VALID) {
                throw new Refused("The certificate authority did not issue the certificate for "
                        + String.join(" and ", names) + ": " + order.getError().map(AcmeIssuer::words)
                        .orElse("the order ended " + done) + ".");
            }
            return new Obtained(order.getCertificate().getCertificateChain(), key);
        } finally {
            tokens.forEach(challenges::remove);
        }
    }

    /**
     * The platform's own {@code *.<domain>} certificate (RUNWAY_ACME_PLATFORM_WILDCARD): ordered when
     * there is none, renewed at two thirds of its life; a failure is logged and tried again later,
     * the pause doubling up to an hour (the routers serve the platform CA's meanwhile).
     */
    private void certifyPlatform() {
        Instant now = Instant.now();
        if (now.isBefore(platformNextTry)) {
            return;
        }
        String domain = platformDomain;
        try {
            if (platformRenewAt == null) {
                platformRenewAt = platform.current(domain).map(c -> renewAt(c.notBefore(), c.notAfter()))
                        .orElse(Instant.EPOCH);
            }
            if (now.isBefore(platformRenewAt)) {
                return;
            }
            List<String> names = List.of("*." + domain);
            Obtained got = obtain(names, () -> true);
            X509Certificate leaf = got.leaf();
            platform.issued(domain, names, pem(got.chain()), pkcs8(got.key()), leaf.getNotBefore().toInstant(),
                    leaf.getNotAfter().toInstant());
            platformRenewAt = renewAt(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
            platformPause = config.retryDelay();
            Log.infof("platform certificate: %s until %s", names, leaf.getNotAfter().toInstant());
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } catch (AcmeServerException e) {
            retryPlatform(now, "the CA refused it: " + words(e.getProblem()));
        } catch (AcmeException | IOException | RuntimeException e) {
            retryPlatform(now, String.valueOf(e.getMessage()));
        }
    }

    private void retryPlatform(Instant now, String why) {
        platformNextTry = now.plus(platformPause);
        Log.warnf("platform certificate for *.%s: not issued (%s); trying again in %s", platformDomain, why,
                platformPause);
        account = null;
        platformPause = platformPause.multipliedBy(2).compareTo(MAX_PLATFORM_PAUSE) > 0 ? MAX_PLATFORM_PAUSE
                : platformPause.multipliedBy(2);
    }

    /** DNS-01 for {@code *.name}: the hook publishes the TXT record, the CA looks it up, the hook removes it. */
    private void validateOverDns(Authorization auth, String name) throws AcmeException, InterruptedException {
        DnsHook hook = dnsHook.orElseThrow();
        Dns01Challenge challenge = auth.findChallenge(Dns01Challenge.class).orElseThrow(() -> new Refused(
                "The certificate authority offers no DNS-01 validation for *." + name + ", which a wildcard needs."));
        String record = Dns01Challenge.toRRName(auth.getIdentifier());
        hook.present(name, record, challenge.getDigest());
        try {
            validate(challenge, "*." + name, "Check that the DNS hook publishes the TXT record " + record
                    + " where the CA looks it up");
        } finally {
            String trouble = hook.cleanup(name, record, challenge.getDigest());
            if (trouble != null) {
                Log.warnf("custom domain *.%s: %s (the record may be left behind)", name, trouble);
            }
        }
    }

    /** Asks the CA to check the challenge and waits; a failed check is a refusal with the CA's words and {@code advice}. */
    private static void validate(Challenge challenge, String name, String advice)
            throws AcmeException, InterruptedException {
        challenge.trigger();
        Status status = challenge.waitForCompletion(VALIDATION_TIMEOUT);
        if (status != Status.VALID) {
            throw new Refused("The certificate authority could not validate " + name + ": "
                    + challenge.getError().map(AcmeIssuer::words).orElse("its check ended " + status) + ". " + advice
                    + ", then disassociate and associate the domain again.");
        }
    }

    private void fail(ResourceViews.DomainRow row, boolean renewal, String reason) {
        if (renewal) {
            Log.warnf("custom domain %s: renewal failed, the current certificate stays until it expires: %s",
                    row.domainName(), reason);
            return;
        }
        Log.warnf("custom domain %s: CREATE_FAILED: %s", row.domainName(), reason);
        domains.status(row.serviceArn(), row.domainName(), "CREATE_FAILED", records(row.records(), "FAILED"), reason);
    }

    private static List<CertificateValidationRecord> records(List<CertificateValidationRecord> records, String status) {
        return records.stream().map(r -> new CertificateValidationRecord(r.name(), r.type(), r.value(), status)).toList();
    }

    static String words(Problem problem) {
        String detail = problem.getDetail().or(problem::getTitle).orElse(String.valueOf(problem.getType()));
        List<String> parts = new ArrayList<>(List.of(detail));
        for (Problem sub : problem.getSubProblems()) {
            parts.add(sub.getIdentifier().map(i -> i.getValue() + ": ").orElse("")
                    + sub.getDetail().orElse(String.valueOf(sub.getType())));
        }
        return String.join("; ", parts);
    }

    private Account account() throws AcmeException, IOException {
        Account current = account;
        if (current != null) {
            return current;
        }
        Session session = new Session(URI.create(config.directory().get()), new Provider(trust()));
        AccountBuilder builder = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey());
        config.email().ifPresent(builder::addEmail);
        if (config.eabKid().isPresent() && config.eabHmacKey().isPresent()) {
            builder.withKeyIdentifier(config.eabKid().get(), config.eabHmacKey().get());
        }
        current = builder.create(session);
        account = current;
        return current;
    }

    /** The account's key pair, made once and kept 0600 beside the registry's other keys. */
    private KeyPair accountKey() throws IOException {
        Path file = Path.of(config.accountKeyFile());
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                return KeyPairUtils.readKeyPair(in);
            }
        }
        KeyPair pair = KeyPairUtils.createECKeyPair("secp256r1");
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".acme-account", ".pem",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer out = Files.newBufferedWriter(temp)) {
            KeyPairUtils.writeKeyPair(pair, out);
        }
        Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Log.infof("custom domains: made the ACME account key %s", file);
        return pair;
    }

    /** The JVM's roots, plus those of RUNWAY_ACME_CA_CERT (a test CA's). */
    private SSLContext trust() throws IOException {
        try {
            if (config.caCert().isEmpty()) {
                return SSLContext.getDefault();
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            defaults.init((KeyStore) null);
            int n = 0;
            for (var tm : defaults.getTrustManagers()) {
                if (tm instanceof javax.net.ssl.X509TrustManager x) {
                    for (X509Certificate c : x.getAcceptedIssuers()) {
                        store.setCertificateEntry("jvm-" + n++, c);
                    }
                }
            }
            try (InputStream in = Files.newInputStream(Path.of(config.caCert().get()))) {
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    store.setCertificateEntry("acme-ca-" + n++, c);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot trust RUNWAY_ACME_CA_CERT: " + e.getMessage(), e);
        }
    }

    static String pem(List<X509Certificate> chain) {
        StringBuilder out = new StringBuilder();
        try {
            for (X509Certificate c : chain) {
                out.append(block("CERTIFICATE", c.getEncoded()));
            }
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    static String pkcs8(KeyPair key) {
        return block("PRIVATE KEY", key.getPrivate().getEncoded());
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** A refusal in words a user can act on: ends the domain CREATE_FAILED, never retried. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** Any ACME directory, over HTTPS trusted as {@link #trust} says. */
    static final class Provider extends GenericAcmeProvider {
        private final SSLContext ssl;

        Provider(SSLContext ssl) {
            this.ssl = ssl;
        }

        @Override
        protected HttpConnector createHttpConnector(NetworkSettings settings) {
            return new HttpConnector(settings) {
                @Override
                public HttpClient.Builder createClientBuilder() {
                    return super.createClientBuilder().sslContext(ssl);
                }
            };
        }
    }
}
