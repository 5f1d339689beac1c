package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTPS at the router (issue 21, first half): the hello service answers over https on the TLS
 * port with the certificate of the platform CA `./runway test` made (RUNWAY_TLS_CA), over HTTP/2
 * and HTTP/1.1; TLS 1.1 is refused; ALPN offers h2; with the redirect on (a second router
 * started with RUNWAY_ROUTER_HTTPS_REDIRECT=on) http:// answers 308 to https://, while the first
 * router, with the default (off), keeps serving http:// as every other test expects.
 */
class HttpsTest {

    private static final int TLS_PORT = Integer.parseInt(Platform.env("RUNWAY_ROUTER_TLS_PORT"));
    private static final String CA = Platform.env("RUNWAY_TLS_CA");
    private static String arn;
    private static String host;

    @BeforeAll
    static void aRunningService() {
        var created = Services.create(Platform.uniqueName("https"), Platform.HELLO_IMAGE).path("Service");
        arn = created.path("ServiceArn").asText();
        host = Platform.hostOf(created.path("ServiceUrl").asText());
        assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(120)).path("Status").asText());
    }

    @AfterAll
    static void deleteIt() {
        if (arn != null) {
            Services.deleteAndWait(arn);
        }
    }

    /** curl with the platform CA as the only trusted root and the service's host resolved to loopback. */
    private static String curl(int port, String... args) {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-m", "10", "--cacert", CA,
                "--resolve", host + ":" + port + ":127.0.0.1"));
        command.addAll(List.of(args));
        return Platform.run(command, Duration.ofSeconds(30), true);
    }

    @Test
    void shouldServeTheServiceOverHttpsWithHttp2AndHttp11() {
        String url = "https://" + host + ":" + TLS_PORT + "/";

        String h2 = Platform.eventually("the service over https", Duration.ofSeconds(20), () -> {
            String out = curl(TLS_PORT, "--http2", "-w", "\n%{http_version} %{http_code}", url);
            return out.endsWith("\n2 200") ? out : null;
        });
        String h11 = curl(TLS_PORT, "--http1.1", "-w", "\n%{http_version} %{http_code}", url);

        assertTrue(h2.contains("Hello from Runway"), h2);
        assertTrue(h11.contains("Hello from Runway") && h11.endsWith("\n1.1 200"), h11);
    }

    @Test
    void shouldRefuseTls11AndOfferH2ByAlpnWithACertificateForTheHost() {
        String target = "127.0.0.1:" + TLS_PORT;

        String tls11 = Platform.run(List.of("openssl", "s_client", "-connect", target, "-servername", host,
                "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0"), Duration.ofSeconds(20), true);
        String alpn = Platform.run(List.of("openssl", "s_client", "-connect", target, "-servername", host,
                "-alpn", "h2,http/1.1", "-CAfile", CA, "-verify_hostname", host, "-verify_return_error"),
                Duration.ofSeconds(20), true);

        assertTrue(tls11.contains("alert protocol version"), "the router refuses TLS 1.1:\n" + tls11);
        assertTrue(alpn.contains("ALPN protocol: h2"), alpn);
        assertTrue(alpn.contains("Verify return code: 0 (ok)"), alpn);
    }

    @Test
    void shouldKeepPlainHttpByDefaultAndRedirectTo308WhereEnabled() throws Exception {
        assertEquals(200, Services.viaRouter(host + ":" + Platform.ROUTER_PORT, "/").statusCode(),
                "the default router still serves http://");

        int httpPort = Platform.ROUTER_PORT + 10;
        int tlsPort = TLS_PORT + 10;
        runwayWith("start", "router-2");
        try {
            String answer = Platform.eventually("router-2 to redirect", Duration.ofSeconds(30), () -> {
                String out = Platform.run(List.of("curl", "-sS", "-m", "5", "-o", "/dev/null", "-w",
                        "%{http_code} %{redirect_url}", "-H", "Host: " + host, "http://127.0.0.1:" + httpPort + "/a?b=1"),
                        Duration.ofSeconds(20), true);
                return out.startsWith("308 ") ? out : null;
            });
            assertEquals("308 https://" + host + ":" + tlsPort + "/a?b=1", answer.strip());

            String followed = curl(tlsPort, "-L", "-D", "-", "--resolve", host + ":" + httpPort + ":127.0.0.1",
                    "http://" + host + ":" + httpPort + "/");
            assertTrue(followed.contains("Hello from Runway"), followed);
            assertTrue(followed.toLowerCase().contains("strict-transport-security: max-age=300"), followed);
        } finally {
            runwayWith("stop", "router-2");
        }
    }

    @Test
    void shouldRotateTheRoutersKeysAndTheRootWithoutBreakingAClientThatTrustsTheOldRoot() throws Exception {
        // given a client that trusts the root as it is now, asking every 200 ms all along
        Path before = Files.createTempFile("runway-root-before", ".crt");
        Files.copy(Path.of(CA), before, StandardCopyOption.REPLACE_EXISTING);
        String url = "https://" + host + ":" + TLS_PORT + "/";
        String firstLeaf = Platform.eventually("the service over https", Duration.ofSeconds(20),
                () -> curl(TLS_PORT, before, url).contains("Hello from Runway") ? servedLeaf() : null);
        assertTrue(firstLeaf.contains("Fingerprint="), firstLeaf);
        var failures = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var asks = new java.util.concurrent.atomic.AtomicInteger();
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread client = new Thread(() -> {
            while (!stop.get()) {
                String out = curl(TLS_PORT, before, url);
                asks.incrementAndGet();
                if (!out.contains("Hello from Runway")) {
                    failures.add(out);
                }
                Platform.sleep(200);
            }
        });
        client.start();
        try {
            // when the keys the router holds are rotated, then it serves a new certificate under the same root
            String out = Platform.runway("credentials", "rotate", "tls");
            assertTrue(out.contains("new issuing CA"), out);
            Platform.eventually("the router to serve the new certificate", Duration.ofSeconds(30),
                    () -> {
                        String leaf = servedLeaf();
                        return leaf.contains("Fingerprint=") && !leaf.equals(firstLeaf) ? true : null;
                    });
            // when the root itself is rotated
            out = Platform.runway("credentials", "rotate", "platform-ca");
            assertTrue(out.contains("new platform root"), out);
            assertTrue(!Files.readString(Path.of(CA)).equals(Files.readString(before)), "ca.crt holds a new root");
            // then a client that trusts only the new root is served once the router reloaded
            Platform.eventually("the service under the new root", Duration.ofSeconds(30),
                    () -> curl(TLS_PORT, Path.of(CA), url).contains("Hello from Runway") ? true : null);
            Platform.sleep(1000);
        } finally {
            stop.set(true);
            client.join(15_000);
        }
        // and the client that trusts the old root never failed: the old root cross-signed the new one
        assertTrue(asks.get() > 10, "only " + asks.get() + " requests during the rotations");
        assertEquals(List.of(), failures);
        String chain = Platform.run(List.of("bash", "-c", "openssl s_client -connect 127.0.0.1:" + TLS_PORT
                + " -servername " + host + " -showcerts </dev/null 2>/dev/null | grep -c 'BEGIN CERTIFICATE'"),
                Duration.ofSeconds(20), true);
        assertEquals("3", chain.strip(), "leaf, issuing CA, the new root as the old one signed it");
    }

    /** curl trusting only {@code root}; the output, or curl's error. */
    private static String curl(int port, Path root, String url) {
        return Platform.run(List.of("curl", "-sS", "-m", "10", "--cacert", root.toString(), "--resolve",
                host + ":" + port + ":127.0.0.1", url), Duration.ofSeconds(30), true);
    }

    /** The SHA-256 fingerprint of the certificate the router serves for the host. */
    private static String servedLeaf() {
        return Platform.run(List.of("bash", "-c", "openssl s_client -connect 127.0.0.1:" + TLS_PORT + " -servername "
                + host + " </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha256"), Duration.ofSeconds(20),
                true).strip();
    }

    /** ./runway with the redirect and HSTS on, for the router instance it starts. */
    private static void runwayWith(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Platform.ROOT.resolve("runway").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("RUNWAY_ROUTER_HTTPS_REDIRECT", "on");
        builder.environment().put("RUNWAY_ROUTER_HSTS_MAX_AGE", "300");
        Process p = builder.start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), command + ":\n" + out);
    }
}
