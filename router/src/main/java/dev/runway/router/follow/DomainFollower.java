package dev.runway.router.follow;

import dev.runway.events.query.InternalCredential;
import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.events.Envelope;
import dev.runway.events.resource.CustomDomainCertificateIssued;
import dev.runway.events.resource.CustomDomainDisassociated;
import dev.runway.events.resource.PlatformCertificateIssued;
import dev.runway.events.resource.CustomDomainStatusChanged;
import dev.runway.events.wire.Json;
import dev.runway.router.proxy.AcmeChallenges;
import dev.runway.router.route.RouteTable;
import dev.runway.router.tls.Certificates;
import dev.runway.router.tls.PemFiles;
import dev.runway.router.tls.ServingCertificate;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The custom domains the router serves, from the registry's {@code GET /internal/custom-domains/served}:
 * read at start (until it answers), again whenever a custom-domain event passes on
 * {@code runway.events}, and every minute. Each ACTIVE domain's names route to its service
 * ({@link RouteTable#aliases}) and its certificate is put as {@code domain:<name>} into the live
 * set, replaced only when it changed (a renewal: new handshakes get it, open connections keep
 * theirs); a domain gone is removed from both. The platform's own {@code *.<domain>} certificate,
 * when the registry has one from the ACME CA, is put as {@code platform:acme}. Also answers ACME
 * HTTP-01 challenges by asking the registry, whose issuer holds them.
 */
public final class DomainFollower implements AcmeChallenges {

    static final String PREFIX = "domain:";
    /** The platform's own *.<domain> certificate from the ACME CA (RUNWAY_ACME_PLATFORM_WILDCARD). */
    static final String PLATFORM = "platform:acme";

    private final String registryUrl;
    private final Duration timeout;
    private final RouteTable table;
    private final Certificates certificates;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "domain-follower");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    private final Map<String, String> served = new HashMap<>();

    public DomainFollower(String registryUrl, Duration timeout, RouteTable table, Certificates certificates) {
        this.registryUrl = registryUrl.endsWith("/") ? registryUrl.substring(0, registryUrl.length() - 1) : registryUrl;
        this.timeout = timeout;
        this.table = table;
        this.certificates = certificates;
    }

    public void start() {
        thread.scheduleWithFixedDelay(this::refreshQuietly, 0, 60, TimeUnit.SECONDS);
    }

    public void stop() {
        thread.shutdownNow();
    }

    /** For {@link RouteFollower#withListener}: a custom-domain event refreshes soon, once per burst. */
    public void onEvent(Envelope envelope) {
        Object p = envelope.payload();
        if ((p instanceof CustomDomainStatusChanged || p instanceof CustomDomainCertificateIssued
                || p instanceof CustomDomainDisassociated || p instanceof PlatformCertificateIssued)
                && queued.compareAndSet(false, true)) {
            thread.execute(() -> {
                queued.set(false);
                refreshQuietly();
            });
        }
    }

    private void refreshQuietly() {
        for (int attempt = 1; attempt <= 5; attempt++) {
            try {
                refresh();
                return;
            } catch (IOException | RuntimeException e) {
                Log.warnf("custom domains: cannot read them from the registry (%s); attempt %d of 5", e.getMessage(),
                        attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Reads the served domains and applies them (routes, then certificates). */
    void refresh() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(InternalCredential.authorize(HttpRequest.newBuilder(URI.create(registryUrl
                + "/internal/custom-domains/served"))).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("the registry answered " + response.statusCode());
        }
        apply(Json.MAPPER.readTree(response.body()));
    }

    void apply(JsonNode body) {
        Map<String, String> aliases = new HashMap<>();
        Map<String, JsonNode> domains = new HashMap<>();
        for (JsonNode d : body.path("domains")) {
            String arn = d.path("serviceArn").asText();
            for (JsonNode name : d.path("names")) {
                aliases.put(name.asText(), arn);
            }
            aliases.put(d.path("domainName").asText(), arn);
            domains.put(d.path("domainName").asText(), d);
        }
        for (Map.Entry<String, JsonNode> e : domains.entrySet()) {
            serve(PREFIX + e.getKey(), e.getValue(), "custom domain " + e.getKey());
        }
        table.aliases(aliases);
        JsonNode platform = body.path("platform");
        if (platform.isObject()) {
            serve(PLATFORM, platform, "the platform certificate " + platform.path("names"));
        }
        Set<String> gone = new HashSet<>(served.keySet());
        domains.keySet().forEach(name -> gone.remove(PREFIX + name));
        if (platform.isObject()) {
            gone.remove(PLATFORM);
        }
        for (String id : gone) {
            certificates.remove(id);
            served.remove(id);
            Log.infof("%s: no longer served", id);
        }
    }

    /** Puts the certificate of {@code id} into the live set unless the same chain is there already. */
    private void serve(String id, JsonNode certificate, String what) {
        String chain = certificate.path("certificateChain").asText();
        if (chain.equals(served.get(id))) {
            return;
        }
        try {
            certificates.put(id, ServingCertificate.of(PemFiles.chain(chain.getBytes(StandardCharsets.US_ASCII)),
                    PemFiles.key(certificate.path("privateKey").asText())));
            served.put(id, chain);
            Log.infof("%s: serving its certificate (until %s)", what, certificate.path("notAfter").asText());
        } catch (RuntimeException bad) {
            Log.warnf("%s: its certificate cannot be served: %s", what, bad.getMessage());
        }
    }

    @Override
    public CompletionStage<Optional<String>> answer(String token) {
        HttpRequest request = InternalCredential.authorize(HttpRequest.newBuilder(URI.create(registryUrl
                + "/internal/acme-challenge/" + URLEncoder.encode(token, StandardCharsets.UTF_8)))).timeout(timeout)
                .GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> r.statusCode() == 200 ? Optional.of(r.body()) : Optional.<String>empty());
    }
}
