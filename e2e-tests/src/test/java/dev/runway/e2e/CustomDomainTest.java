package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Custom domains with certificates from an ACME CA (issue 21, second half), against Debian's
 * pebble on loopback: its test DNS (pebble-challtestsrv) answers 127.0.0.1 for every name, and its
 * HTTP-01 checks go to the router's HTTP port, where the router answers from the registry's
 * issuer. The test profile points the registry at it (RUNWAY_ACME_DIRECTORY, RUNWAY_ACME_CA_CERT).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CustomDomainTest {

    private static final int ACME_PORT = Integer.parseInt(Platform.env("RUNWAY_TEST_ACME_PORT"));
    private static final Path WFE_CERT = Path.of(Platform.env("RUNWAY_ACME_CA_CERT"));
    private static final Path DIR = WFE_CERT.getParent();
    private static final Path ROOT = DIR.resolve("pebble-root.pem");
    private static final int TLS_PORT = Integer.parseInt(Platform.env("RUNWAY_ROUTER_TLS_PORT"));
    private static final String DOMAIN = "app.example.test";
    /** Short-lived certificates: the issuer renews at two thirds of this, within the test. */
    private static final int VALIDITY_SECONDS = 45;
    private static final List<Process> CA = new ArrayList<>();
    private static String arn;
    private static String host;
    private static String otherArn;

    @BeforeAll
    static void anAcmeCaAndARunningService() throws Exception {
        Files.createDirectories(DIR);
        Path key = DIR.resolve("pebble.key");
        Platform.run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", key.toString(), "-out", WFE_CERT.toString(), "-days", "7", "-subj", "/CN=pebble",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"), Duration.ofSeconds(30));
        Path config = DIR.resolve("pebble.json");
        Files.writeString(config, "{\"pebble\":{\"listenAddress\":\"127.0.0.1:" + ACME_PORT + "\","
                + "\"managementListenAddress\":\"127.0.0.1:" + (ACME_PORT + 1) + "\",\"certificate\":\"" + WFE_CERT
                + "\",\"privateKey\":\"" + key + "\",\"httpPort\":" + Platform.ROUTER_PORT + ",\"tlsPort\":" + TLS_PORT
                + ",\"ocspResponderURL\":\"\",\"externalAccountBindingRequired\":false,"
                + "\"certificateValidityPeriod\":" + VALIDITY_SECONDS + "}}");
        start(DIR.resolve("challtestsrv.log"), "pebble-challtestsrv", "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "",
                "-dns01", "127.0.0.1:" + (ACME_PORT + 2), "-http01", "", "-https01", "", "-tlsalpn01", "",
                "-management", "127.0.0.1:" + (ACME_PORT + 3));
        start(DIR.resolve("pebble.log"), "pebble", "-config", config.toString(), "-dnsserver",
                "127.0.0.1:" + (ACME_PORT + 2));
        String root = Platform.eventually("pebble's root", Duration.ofSeconds(20), () -> {
            String out = Platform.run(List.of("curl", "-sS", "-m", "5", "--cacert", WFE_CERT.toString(),
                    "https://127.0.0.1:" + (ACME_PORT + 1) + "/roots/0"), Duration.ofSeconds(10), true);
            return out.startsWith("-----BEGIN CERTIFICATE-----") ? out : null;
        });
        Files.writeString(ROOT, root);

        var created = Services.create(Platform.uniqueName("domains"), Platform.HELLO_IMAGE).path("Service");
        arn = created.path("ServiceArn").asText();
        host = Platform.hostOf(created.path("ServiceUrl").asText());
        otherArn = Services.create(Platform.uniqueName("domains2"), Platform.HELLO_IMAGE).path("Service")
                .path("ServiceArn").asText();
        assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(120)).path("Status").asText());
    }

    private static void start(Path log, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("PEBBLE_VA_NOSLEEP", "1");
        builder.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
        CA.add(builder.start());
    }

    @AfterAll
    static void cleanUp() {
        for (String a : new String[] {arn, otherArn}) {
            if (a != null) {
                Services.deleteAndWait(a);
            }
        }
        CA.forEach(Process::destroy);
    }

    private static JsonNode domain(String serviceArn, String name) {
        for (JsonNode d : AwsCli.ok("describe-custom-domains", "--service-arn", serviceArn).path("CustomDomains")) {
            if (d.path("DomainName").asText().equals(name)) {
                return d;
            }
        }
        return null;
    }

    private static JsonNode statusOf(String serviceArn, String name, String status, Duration timeout) {
        return Platform.eventually(name + " " + status, timeout, () -> {
            JsonNode d = domain(serviceArn, name);
            return d != null && d.path("Status").asText().equals(status) ? d : null;
        });
    }

    private static String curl(String name, String... args) {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-m", "10", "--cacert", ROOT.toString(),
                "--resolve", name + ":" + TLS_PORT + ":127.0.0.1"));
        command.addAll(List.of(args));
        return Platform.run(command, Duration.ofSeconds(30), true);
    }

    private static int viaHttp(String name) {
        return Services.viaRouter(name, "/").statusCode();
    }

    @Test
    @Order(3)
    void shouldIssueServeOverHttpsAndRemoveADomainWithWww() {
        JsonNode associated = AwsCli.ok("associate-custom-domain", "--service-arn", arn, "--domain-name", DOMAIN,
                "--enable-www-subdomain");
        assertEquals("CREATING", associated.path("CustomDomain").path("Status").asText(), associated.toString());

        JsonNode active = statusOf(arn, DOMAIN, "ACTIVE", Duration.ofSeconds(120));
        for (JsonNode r : active.path("CertificateValidationRecords")) {
            assertEquals("SUCCESS", r.path("Status").asText(), active.toString());
        }
        List<String> statuses = EventLog.of("customdomains|" + arn, "CustomDomainStatusChanged").stream()
                .filter(e -> e.data().path("domainName").asText().equals(DOMAIN))
                .map(e -> e.data().path("status").asText()).toList();
        assertEquals(List.of("CREATING", "PENDING_CERTIFICATE_DNS_VALIDATION", "ACTIVE"), statuses);
        for (var issued : EventLog.of("customdomains|" + arn, "CustomDomainCertificateIssued")) {
            assertFalse(issued.data().toString().contains("PRIVATE KEY"), "the key is sealed in the event");
        }

        for (String name : List.of(DOMAIN, "www." + DOMAIN)) {
            String url = "https://" + name + ":" + TLS_PORT + "/";
            String h2 = Platform.eventually(name + " over https", Duration.ofSeconds(10), () -> {
                String out = curl(name, "--http2", "-w", "\n%{http_version} %{http_code}", url);
                return out.endsWith("\n2 200") ? out : null;
            });
            assertTrue(h2.contains("Hello from Runway"), h2);
            String h11 = curl(name, "--http1.1", "-w", "\n%{http_version} %{http_code}", url);
            assertTrue(h11.contains("Hello from Runway") && h11.endsWith("\n1.1 200"), h11);
            assertEquals(200, viaHttp(name), name + " over http");
        }
        String names = served(TLS_PORT, "-ext subjectAltName");
        assertTrue(names.contains("DNS:" + DOMAIN) && names.contains("DNS:www." + DOMAIN), names);
        assertEquals("308 https://" + DOMAIN + ":" + (TLS_PORT + 10) + "/x", redirectOfSecondRouter(),
                "http:// answers 308 where the redirect is on");

        // a renewal (at two thirds of the short lifetime) replaces the certificate while a client keeps requesting
        String serial = served(TLS_PORT, "-serial");
        int requests = 0;
        Instant until = Instant.now().plusSeconds(VALIDITY_SECONDS + 15);
        while (served(TLS_PORT, "-serial").equals(serial)) {
            assertTrue(Instant.now().isBefore(until), "no renewal within " + VALIDITY_SECONDS + " s");
            String code = curl(DOMAIN, "--http1.1", "-o", "/dev/null", "-w", "%{http_code}",
                    "https://" + DOMAIN + ":" + TLS_PORT + "/");
            assertEquals("200", code.strip(), "request " + requests + " during the renewal");
            requests++;
        }
        assertTrue(requests > 0);
        assertEquals("200", curl(DOMAIN, "-o", "/dev/null", "-w", "%{http_code}",
                "https://" + DOMAIN + ":" + TLS_PORT + "/").strip(), "served with the renewed certificate");

        AwsCli.ok("disassociate-custom-domain", "--service-arn", arn, "--domain-name", DOMAIN);
        Instant gone = Instant.now();
        Platform.eventually(DOMAIN + " to answer 404", Duration.ofSeconds(2),
                () -> viaHttp(DOMAIN) == 404 && viaHttp("www." + DOMAIN) == 404 ? true : null);
        assertTrue(Duration.between(gone, Instant.now()).toMillis() <= 2000);
        String after = curl(DOMAIN, "-o", "/dev/null", "-w", "%{http_code}", "https://" + DOMAIN + ":" + TLS_PORT + "/");
        assertFalse(after.endsWith("200"), "no longer served over https: " + after);
    }

    /**
     * A wildcard is validated over DNS-01: the test profile's hook (deploy/acme/challtestsrv-dns-hook.sh)
     * puts the TXT record into pebble's test DNS; the router serves any name one label under it.
     */
    @Test
    @Order(4)
    void shouldIssueAWildcardOverDnsAndServeEveryNameUnderIt() {
        String wildcard = "*.wild.example.test";
        AwsCli.ok("associate-custom-domain", "--service-arn", arn, "--domain-name", wildcard, "--enable-www-subdomain");
        JsonNode active = statusOf(arn, wildcard, "ACTIVE", Duration.ofSeconds(120));
        assertEquals(1, active.path("CertificateValidationRecords").size(), "a wildcard covers www. itself: " + active);

        for (String name : List.of("shop.wild.example.test", "www.wild.example.test")) {
            String out = Platform.eventually(name + " over https", Duration.ofSeconds(10), () -> {
                String body = curl(name, "-w", "\n%{http_code}", "https://" + name + ":" + TLS_PORT + "/");
                return body.endsWith("\n200") ? body : null;
            });
            assertTrue(out.contains("Hello from Runway"), out);
        }
        assertEquals(404, viaHttp("a.shop.wild.example.test"), "a wildcard covers one label");
        String names = Platform.run(List.of("sh", "-c", "openssl s_client -connect 127.0.0.1:" + TLS_PORT
                + " -servername shop.wild.example.test </dev/null 2>/dev/null | openssl x509 -noout -ext subjectAltName"),
                Duration.ofSeconds(20), true);
        assertTrue(names.contains("DNS:*.wild.example.test"), names);

        AwsCli.ok("disassociate-custom-domain", "--service-arn", arn, "--domain-name", wildcard);
        Platform.eventually(wildcard + " to answer 404", Duration.ofSeconds(2),
                () -> viaHttp("shop.wild.example.test") == 404 ? true : null);
    }

    /** A field of the certificate the router serves for DOMAIN (openssl x509 -noout <what>). */
    private static String served(int port, String what) {
        return Platform.run(List.of("sh", "-c", "openssl s_client -connect 127.0.0.1:" + port + " -servername " + DOMAIN
                + " </dev/null 2>/dev/null | openssl x509 -noout " + what), Duration.ofSeconds(20), true).strip();
    }

    /**
     * A second router, started now (as after a restart), loads the domain and its certificate from
     * the registry: it serves it over https, and with the redirect on answers http:// with 308.
     */
    private static String redirectOfSecondRouter() {
        int httpPort = Platform.ROUTER_PORT + 10;
        int tlsPort = TLS_PORT + 10;
        runway("start", "router-2");
        try {
            String ok = Platform.eventually("router-2 to serve " + DOMAIN, Duration.ofSeconds(30), () -> {
                String out = Platform.run(List.of("curl", "-sS", "-m", "5", "--cacert", ROOT.toString(), "--resolve",
                        DOMAIN + ":" + tlsPort + ":127.0.0.1", "https://" + DOMAIN + ":" + tlsPort + "/"),
                        Duration.ofSeconds(10), true);
                return out.contains("Hello from Runway") ? out : null;
            });
            assertTrue(ok.contains("Hello from Runway"), ok);
            return Platform.run(List.of("curl", "-sS", "-m", "5", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}",
                    "-H", "Host: " + DOMAIN, "http://127.0.0.1:" + httpPort + "/x"), Duration.ofSeconds(10), true).strip();
        } finally {
            runway("stop", "router-2");
        }
    }

    private static void runway(String... args) {
        List<String> command = new ArrayList<>(List.of(Platform.ROOT.resolve("runway").toString()));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("RUNWAY_ROUTER_HTTPS_REDIRECT", "on");
            Process p = builder.start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), command + ":\n" + out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(2)
    void shouldFailADomainWhoseChallengeCannotBeAnsweredWithTheReason() throws IOException {
        String name = "unreachable.example.test";
        try (Subscriber subscriber = new Subscriber()) {
            // a subscriber matches the failure in the public feed (a Runway extension of App Runner's events)
            String rule = Platform.uniqueName("domain-failed");
            EventsTest.events("put-rule", "--name", rule, "--event-pattern", "{\"source\":[\"aws.apprunner\"],"
                    + "\"detail-type\":[\"AppRunner Custom Domain Status Change\"],\"resources\":[\"" + arn + "\"],"
                    + "\"detail\":{\"currentCustomDomainStatus\":[\"CREATE_FAILED\"]}}");
            EventsTest.events("put-targets", "--rule", rule, "--targets",
                    "[{\"Id\":\"hook\",\"Arn\":\"" + subscriber.url("/domains") + "\"}]");
            failADomainWhoseChallengeCannotBeAnswered(name);
            JsonNode delivered = Platform.eventually("the failure's public event", Duration.ofSeconds(30),
                    () -> subscriber.at("/domains").stream().map(Subscriber.Delivery::body).findFirst().orElse(null));
            assertEquals(name, delivered.path("detail").path("customDomainName").asText());
            assertEquals("ERROR", delivered.path("detail").path("severity").asText());
            assertTrue(delivered.path("detail").path("message").asText().contains("could not validate " + name),
                    delivered.toString());
            EventsTest.events("remove-targets", "--rule", rule, "--ids", "hook");
            EventsTest.events("delete-rule", "--name", rule);
        }
    }

    private void failADomainWhoseChallengeCannotBeAnswered(String name) {
        // the test DNS sends the CA to 127.0.0.2, where no router listens
        for (String fqdn : List.of(name, name + ".")) {
            Platform.run(List.of("curl", "-sS", "-m", "5", "-d", "{\"host\":\"" + fqdn + "\",\"addresses\":[\"127.0.0.2\"]}",
                    "http://127.0.0.1:" + (ACME_PORT + 3) + "/add-a"), Duration.ofSeconds(10));
        }
        AwsCli.ok("associate-custom-domain", "--service-arn", arn, "--domain-name", name, "--no-enable-www-subdomain");

        statusOf(arn, name, "CREATE_FAILED", Duration.ofSeconds(120));
        var failed = EventLog.of("customdomains|" + arn, "CustomDomainStatusChanged").stream()
                .filter(e -> e.data().path("domainName").asText().equals(name)
                        && e.data().path("status").asText().equals("CREATE_FAILED")).toList();
        assertEquals(1, failed.size());
        String reason = failed.get(0).data().path("statusReason").asText();
        assertTrue(reason.contains("could not validate " + name) && reason.contains("DNSTarget"), reason);
        AwsCli.ok("disassociate-custom-domain", "--service-arn", arn, "--domain-name", name);
    }

    @Test
    @Order(1)
    void shouldRefuseBadInputAndStoreNothing() {
        int before = AwsCli.ok("describe-custom-domains", "--service-arn", otherArn).path("CustomDomains").size();
        AwsCli.fails("InvalidRequestException", "associate-custom-domain", "--service-arn", otherArn, "--domain-name",
                "not_a-name..example");
        int own = AwsCli.ok("describe-custom-domains", "--service-arn", arn).path("CustomDomains").size();
        String ownHost = AwsCli.fails("InvalidRequestException", "associate-custom-domain", "--service-arn", arn,
                "--domain-name", host);
        assertTrue(ownHost.contains("own URL host"), ownHost);
        assertEquals(own, AwsCli.ok("describe-custom-domains", "--service-arn", arn).path("CustomDomains").size());
        AwsCli.ok("associate-custom-domain", "--service-arn", arn, "--domain-name", "taken.example.test",
                "--no-enable-www-subdomain");
        String taken = AwsCli.fails("InvalidRequestException", "associate-custom-domain", "--service-arn", otherArn,
                "--domain-name", "taken.example.test");
        assertTrue(taken.contains("another service"), taken);
        assertEquals(before, AwsCli.ok("describe-custom-domains", "--service-arn", otherArn).path("CustomDomains").size());
        for (int i = 1; i <= 5; i++) {
            AwsCli.ok("associate-custom-domain", "--service-arn", otherArn, "--domain-name", "d" + i + ".example.test",
                    "--no-enable-www-subdomain");
        }
        AwsCli.fails("ServiceQuotaExceededException", "associate-custom-domain", "--service-arn", otherArn,
                "--domain-name", "d6.example.test");
        assertEquals(5, AwsCli.ok("describe-custom-domains", "--service-arn", otherArn).path("CustomDomains").size());
        AwsCli.ok("disassociate-custom-domain", "--service-arn", arn, "--domain-name", "taken.example.test");
    }

    /** Last: the CA goes away; a new domain is retried with backoff (3 attempts here), then CREATE_FAILED. */
    @Test
    @Order(5)
    void shouldRetryACaThatIsDownThenFailWithTheReason() throws InterruptedException {
        for (Process p : CA) {
            p.destroy();
            p.waitFor();
        }
        String name = "down.example.test";
        AwsCli.ok("associate-custom-domain", "--service-arn", arn, "--domain-name", name, "--no-enable-www-subdomain");

        statusOf(arn, name, "CREATE_FAILED", Duration.ofSeconds(60));
        String reason = EventLog.of("customdomains|" + arn, "CustomDomainStatusChanged").stream()
                .filter(e -> e.data().path("domainName").asText().equals(name)
                        && e.data().path("status").asText().equals("CREATE_FAILED"))
                .map(e -> e.data().path("statusReason").asText()).findFirst().orElseThrow();
        assertTrue(reason.contains("could not be reached after 3 attempts"), reason);
        AwsCli.ok("disassociate-custom-domain", "--service-arn", arn, "--domain-name", name);
    }
}
