package dev.runway.router.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.model.Endpoint;
import dev.runway.events.model.ServiceStatus;
import dev.runway.router.route.Route;
import dev.runway.router.route.RouteTable;
import dev.runway.router.tls.Certificates;
import dev.runway.router.tls.PemFiles;
import dev.runway.router.tls.TestPki;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS listener on real sockets: certificates by SNI, TLS 1.2/1.3 only, h2 by ALPN, the same
 * handler and limits as plain HTTP, a certificate replaced while a connection stays open, and
 * the HTTP → HTTPS redirect with HSTS.
 */
class TlsListenerTest {

    private static final String HOST = "demo-0123abcd.apps.test";
    private static final String PLAIN_HOST = "plain-0123abcd.localhost";
    /** Long enough for a handshake that issues a certificate on a busy machine; the slowloris case waits for it. */
    private static final Duration HEADER_TIMEOUT = Duration.ofMillis(4000);

    @TempDir
    static Path dir;
    static TestPki pki;

    private Vertx vertx;
    private HttpServer backend;
    private ProxyServer proxy;
    private final Certificates certificates = new Certificates();
    private final List<Integer> statuses = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeAll
    static void aCa() {
        pki = new TestPki(dir);
    }

    @BeforeEach
    void start() throws Exception {
        certificates.put("platform", read(pki.issue("platform", "ec", "*.apps.test", "apps.test")));
        certificates.put("shop", read(pki.issue("shop", "ec", "shop.example.test")));
    }

    private void startProxy(boolean redirect, long hsts) throws Exception {
        vertx = Vertx.vertx();
        backend = vertx.createHttpServer().requestHandler(r -> r.response()
                        .putHeader("X-Seen-Proto", String.valueOf(r.getHeader("X-Forwarded-Proto")))
                        .end("hello " + r.path()))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        RouteTable table = new RouteTable();
        List<Endpoint> endpoints = List.of(new Endpoint("i-1", "127.0.0.1", backend.actualPort()));
        table.loadSnapshot(List.of(
                new Route("arn:aws:apprunner:us-east-1:000000000000:service/demo/0", "demo", HOST,
                        ServiceStatus.RUNNING, 1, endpoints, 100, 1),
                new Route("arn:aws:apprunner:us-east-1:000000000000:service/plain/1", "plain", PLAIN_HOST,
                        ServiceStatus.RUNNING, 1, endpoints, 100, 1)));
        proxy = new ProxyServer(vertx, table, new ProxySettings("127.0.0.1", 0, 2, Duration.ofSeconds(2),
                Duration.ofSeconds(4), 20, 3, Duration.ofSeconds(10), 100, 25, 10, HEADER_TIMEOUT, 100),
                (route, endpoint, status, nanos) -> statuses.add(status),
                new TlsSettings(0, certificates, redirect, hsts));
        proxy.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldChooseTheCertificateBySni() throws Exception {
        startProxy(false, 0);

        assertTrue(names(handshake("shop.example.test", "http/1.1")).contains("shop.example.test"));
        assertTrue(names(handshake(HOST, "http/1.1")).contains("*.apps.test"));
        assertTrue(names(handshake(null, "http/1.1")).contains("*.apps.test"), "no SNI: the first certificate");
    }

    @Test
    void shouldIssueACertificateForAServiceHostUnderALocalhostDomainThatCurlAccepts() throws Exception {
        Path[] issuing = pki.intermediate("issuing");
        certificates.issueWith(dev.runway.router.tls.HostIssuer.read(issuing[0], issuing[1], "localhost",
                PLAIN_HOST::equals));
        startProxy(false, 0);

        assertEquals(List.of(PLAIN_HOST), names(handshake(PLAIN_HOST, "http/1.1")));
        String verified = TestPki.opensslAnyExit("s_client", "-connect", "127.0.0.1:" + proxy.tlsPort(),
                "-servername", PLAIN_HOST, "-verify_hostname", PLAIN_HOST, "-CAfile", pki.ca().toString(),
                "-verify_return_error");
        assertTrue(verified.contains("Verify return code: 0 (ok)"), verified);
        assertEquals("hello /", get(HttpVersion.HTTP_2, PLAIN_HOST, "/").body());
    }

    @Test
    void shouldOfferH2AndHttp11ByAlpnAndServeBoth() throws Exception {
        startProxy(false, 0);

        assertEquals("h2", handshake(HOST, "h2", "http/1.1").getApplicationProtocol());
        assertEquals("http/1.1", handshake(HOST, "http/1.1").getApplicationProtocol());

        for (HttpVersion version : List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1)) {
            Answer response = get(version, HOST, "/over-tls");
            assertEquals(200, response.statusCode());
            assertEquals(version, response.version());
            assertEquals("hello /over-tls", response.body());
            assertEquals("https", response.getHeader("X-Seen-Proto"));
        }
        // counted when the instance's answer ends, which a client that has its whole body may not wait for
        Awaits.awaitTrue(() -> statuses.size() == 2, "both requests counted");
        assertEquals(List.of(200, 200), statuses, "both counted for metrics like plain requests");
    }

    @Test
    void shouldRefuseTls11AndOlderButSpeakTls12And13() throws Exception {
        startProxy(false, 0);
        String target = "127.0.0.1:" + proxy.tlsPort();

        String tls11 = TestPki.opensslAnyExit("s_client", "-connect", target, "-servername", HOST, "-tls1_1",
                "-cipher", "DEFAULT:@SECLEVEL=0");
        String tls10 = TestPki.opensslAnyExit("s_client", "-connect", target, "-servername", HOST, "-tls1",
                "-cipher", "DEFAULT:@SECLEVEL=0");
        String tls12 = TestPki.opensslAnyExit("s_client", "-connect", target, "-servername", HOST, "-tls1_2",
                "-CAfile", pki.ca().toString(), "-verify_return_error");
        String tls13 = TestPki.opensslAnyExit("s_client", "-connect", target, "-servername", HOST, "-tls1_3",
                "-CAfile", pki.ca().toString(), "-verify_return_error");

        // the client offered the old version and the router said no (alert 70, protocol_version)
        assertTrue(tls11.startsWith("exit ") && tls11.contains("alert protocol version"), tls11);
        assertTrue(tls10.startsWith("exit ") && tls10.contains("alert protocol version"), tls10);
        assertTrue(tls12.contains("Protocol  : TLSv1.2") || tls12.contains("New, TLSv1.2"), tls12);
        assertTrue(tls12.contains("Verify return code: 0 (ok)"), tls12);
        assertTrue(tls13.contains("TLSv1.3"), tls13);
    }

    @Test
    void shouldServeANewCertificateToNewHandshakesWhileAnOpenConnectionKeepsWorking() throws Exception {
        startProxy(false, 0);
        SSLSocket open = handshake(HOST, "http/1.1");
        X509Certificate before = leaf(open);
        assertTrue(request(open, HOST, "/one").startsWith("HTTP/1.1 200"));

        certificates.put("platform", read(pki.issue("platform-renewed", "ec", "*.apps.test", "apps.test")));

        X509Certificate after = leaf(handshake(HOST, "http/1.1"));
        assertNotEquals(before.getSerialNumber(), after.getSerialNumber(), "a new handshake gets the new one");
        assertTrue(request(open, HOST, "/two").startsWith("HTTP/1.1 200"), "the open connection still serves");
        assertEquals(before.getSerialNumber(), leaf(open).getSerialNumber());
    }

    @Test
    void shouldApplyTheHeaderTimeoutToAConnectionThatNeverHandshakes() throws Exception {
        startProxy(false, 0);
        Socket silent = new Socket("127.0.0.1", proxy.tlsPort());
        sockets.add(silent);
        silent.setSoTimeout(5000);
        long start = System.nanoTime();

        assertEquals(-1, silent.getInputStream().read(), "closed by the router");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= HEADER_TIMEOUT.toMillis() - 100 && millis < HEADER_TIMEOUT.toMillis() + 3000, "closed after " + millis + " ms");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (proxy.clientConnections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, proxy.clientConnections(), "counted against the same cap, and released");
    }

    @Test
    void shouldAnswerLikePlainHttpForUnknownHosts() throws Exception {
        startProxy(false, 0);

        Answer response = get(HttpVersion.HTTP_2, "nobody.apps.test", "/");
        assertEquals(404, response.statusCode());
    }

    @Test
    void shouldRedirectCertifiedHostsToHttpsAndSendHstsOnlyOverTls() throws Exception {
        startProxy(true, 600);

        String redirected = request(plain(), HOST + ":" + proxy.port(), "/a?b=1");
        assertTrue(redirected.startsWith("HTTP/1.1 308"), redirected);
        assertTrue(redirected.contains("location: https://" + HOST + ":" + proxy.tlsPort() + "/a?b=1"), redirected);

        String uncertified = request(plain(), PLAIN_HOST, "/");
        assertTrue(uncertified.startsWith("HTTP/1.1 200"), "a host without a certificate stays on HTTP: " + uncertified);
        assertFalse(uncertified.toLowerCase().contains("strict-transport-security"), "no HSTS over plain HTTP");

        String challenge = request(plain(), HOST, "/.well-known/acme-challenge/t0k3n");
        assertTrue(challenge.startsWith("HTTP/1.1 200"), "ACME challenges stay on HTTP: " + challenge);

        Answer secure = get(HttpVersion.HTTP_2, HOST, "/");
        assertEquals("max-age=600", secure.getHeader("Strict-Transport-Security"));
        assertEquals(404, get(HttpVersion.HTTP_1_1, "nobody.apps.test", "/").statusCode());
        assertEquals("max-age=600", get(HttpVersion.HTTP_1_1, "nobody.apps.test", "/")
                .getHeader("Strict-Transport-Security"), "on the router's own answers too");
    }

    @Test
    void shouldServePlainHttpAsBeforeWhenTheRedirectIsOff() throws Exception {
        startProxy(false, 600);

        String answer = request(plain(), HOST, "/");
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.contains("x-seen-proto: http\r\n"), answer);
        assertNull(get(HttpVersion.HTTP_1_1, HOST, "/").getHeader("Location"));
    }

    // ---------------------------------------------------------------- helpers

    private static dev.runway.router.tls.ServingCertificate read(Path[] pair) throws IOException {
        return PemFiles.read(pair[0], pair[1]);
    }

    private static SSLContext trusting(Path ca) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", PemFiles.chain(java.nio.file.Files.readAllBytes(ca)).get(0));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /** A completed handshake to the TLS port, with SNI (none when null) and ALPN protocols offered. */
    private SSLSocket handshake(String sni, String... alpn) throws Exception {
        // a fresh context each time: a resumed session would skip the certificate choice
        SSLSocket socket = (SSLSocket) trusting(pki.ca()).getSocketFactory().createSocket("127.0.0.1",
                proxy.tlsPort());
        sockets.add(socket);
        socket.setSoTimeout(5000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
        parameters.setApplicationProtocols(alpn);
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    private Socket plain() throws IOException {
        Socket s = new Socket("127.0.0.1", proxy.port());
        sockets.add(s);
        s.setSoTimeout(5000);
        return s;
    }

    private static X509Certificate leaf(SSLSocket socket) throws IOException {
        return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }

    private static List<String> names(SSLSocket socket) throws Exception {
        List<String> names = new ArrayList<>();
        for (List<?> san : leaf(socket).getSubjectAlternativeNames()) {
            names.add(san.get(1).toString());
        }
        return names;
    }

    /** One HTTP/1.1 request on a socket; the answer's head and body as text (lower-case header names). */
    private static String request(Socket socket, String host, String path) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        String text = head.toString();
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        byte[] body = in.readNBytes(length);
        String[] lines = text.split("\r\n", 2);
        return lines[0] + "\r\n" + (lines.length > 1 ? lines[1].lines()
                .map(l -> l.contains(":") ? l.substring(0, l.indexOf(':')).toLowerCase() + l.substring(l.indexOf(':')) : l)
                .reduce("", (a, l) -> a + l + "\r\n") : "") + new String(body, StandardCharsets.UTF_8);
    }

    /** An answer read whole. */
    private record Answer(int statusCode, HttpVersion version, io.vertx.core.MultiMap headers, String body) {
        String getHeader(String name) {
            return headers.get(name);
        }
    }

    /** A request through the TLS port with Vert.x' client: SNI and certificate check for {@code host}. */
    private Answer get(HttpVersion version, String host, String path) throws Exception {
        HttpClient http = vertx.createHttpClient(new HttpClientOptions()
                .setSsl(true)
                .setUseAlpn(true)
                .setProtocolVersion(version)
                .setTrustOptions(new PemTrustOptions().addCertPath(pki.ca().toString())));
        try {
            return http.request(new RequestOptions()
                            .setServer(SocketAddress.inetSocketAddress(proxy.tlsPort(), "127.0.0.1"))
                            .setHost(host).setPort(proxy.tlsPort()).setURI(path))
                    .compose(r -> r.send())
                    .compose(r -> r.body().map(b -> new Answer(r.statusCode(), r.version(), r.headers(), b.toString())))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            http.close();
        }
    }
}
