package dev.runway.deployworker.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.runway.events.wire.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The resolver against a tiny HTTP server on loopback playing the service-registry. */
class RegistrySecretResolverTest {

    static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:shop/api-AbCdEf";
    static final Map<String, String> REFERENCES = Map.of("DB_PASSWORD", "/shop/db-password", "API_KEY",
            SECRET_ARN + ":key::");

    HttpServer server;
    /** What the registry answers next: status and body. */
    volatile int status = 200;
    volatile String answer = "{}";
    final List<String> requests = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            synchronized (requests) {
                requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                        + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                        + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            }
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    RegistrySecretResolver resolver() {
        return new RegistrySecretResolver("http://127.0.0.1:" + server.getAddress().getPort() + "/",
                Duration.ofSeconds(5));
    }

    @Test
    void shouldPostTheReferencesAndReturnTheValues() throws Exception {
        // given the registry resolves both references
        answer = """
                {"values": {"DB_PASSWORD": "s3cret-db", "API_KEY": "k-123456"}}""";
        // when they are resolved
        var resolved = assertInstanceOf(Resolution.Resolved.class, resolver().resolve(REFERENCES));
        // then each variable has its value
        assertEquals("s3cret-db", resolved.values().of("DB_PASSWORD"));
        assertEquals("k-123456", resolved.values().of("API_KEY"));
        // and the registry was asked once, with the references as JSON
        assertEquals(1, requests.size());
        String request = requests.get(0);
        assertTrue(request.startsWith("POST /internal/secret-references/resolve application/json {"), request);
        var sent = Json.MAPPER.readTree(request.substring(request.indexOf('{')));
        assertEquals(Json.MAPPER.valueToTree(Map.of("references", REFERENCES)), sent);
    }

    @Test
    void shouldReportEachVariableTheRegistryCannotResolve() throws Exception {
        // given the parameter does not exist
        status = 400;
        answer = """
                {"__type": "UnresolvableReference", "message": "1 secret reference does not resolve",
                 "failures": {"DB_PASSWORD": "parameter /shop/db-password not found"}}""";
        // when resolved
        var refused = assertInstanceOf(Resolution.Unresolvable.class, resolver().resolve(REFERENCES));
        // then the reason names the variable, its reference and why
        assertEquals(Map.of("DB_PASSWORD", "parameter /shop/db-password not found"), refused.failures());
        assertEquals("Secret reference of variable DB_PASSWORD (/shop/db-password) does not resolve: parameter "
                + "/shop/db-password not found", refused.reason(REFERENCES));
    }

    @Test
    void shouldPassOnARefusalThatNamesNoVariable() throws Exception {
        status = 400;
        answer = """
                {"__type": "ValidationException", "message": "references must not be empty"}""";
        var refused = assertInstanceOf(Resolution.Unresolvable.class, resolver().resolve(REFERENCES));
        assertEquals("The secret references of variables API_KEY, DB_PASSWORD do not resolve: ValidationException: "
                + "references must not be empty", refused.reason(REFERENCES));
    }

    @Test
    void shouldTreatAMissingValueAsUnresolvedNeverAsTheReference() throws Exception {
        answer = """
                {"values": {"DB_PASSWORD": "s3cret-db"}}""";
        var refused = assertInstanceOf(Resolution.Unresolvable.class, resolver().resolve(REFERENCES));
        assertEquals(Map.of("API_KEY", "the service-registry returned no value for " + SECRET_ARN + ":key::"),
                refused.failures());
    }

    @Test
    void shouldSayTheRegistryIsUnavailableOnAServerErrorWithoutQuotingIt() throws Exception {
        status = 500;
        answer = "{\"values\": {\"DB_PASSWORD\": \"leaked-value\"}}";
        var unavailable = assertInstanceOf(Resolution.Unavailable.class, resolver().resolve(REFERENCES));
        assertTrue(unavailable.detail().endsWith("answered HTTP 500 to POST /internal/secret-references/resolve"),
                unavailable.detail());
        assertFalse(unavailable.reason(REFERENCES).contains("leaked-value"));
    }

    @Test
    void shouldNotQuoteAnAnswerItCannotRead() throws Exception {
        answer = "{\"values\": not-json leaked-value";
        var unavailable = assertInstanceOf(Resolution.Unavailable.class, resolver().resolve(REFERENCES));
        assertTrue(unavailable.detail().endsWith("with a body that is not the expected JSON"), unavailable.detail());
        assertFalse(unavailable.detail().contains("leaked"), unavailable.detail());
    }

    @Test
    void shouldSayTheRegistryIsUnavailableWhenNothingListens() throws Exception {
        // given the registry is not running
        int port = server.getAddress().getPort();
        server.stop(0);
        // when resolved, then it is a value saying so, not an exception
        var unavailable = assertInstanceOf(Resolution.Unavailable.class,
                new RegistrySecretResolver("http://127.0.0.1:" + port, Duration.ofSeconds(5)).resolve(REFERENCES));
        assertTrue(unavailable.detail().startsWith("the service-registry at http://127.0.0.1:" + port
                + " did not answer ("), unavailable.detail());
        assertEquals("The secret references of variables API_KEY, DB_PASSWORD could not be resolved: "
                + unavailable.detail() + ". Deploy again once the service-registry answers.",
                unavailable.reason(REFERENCES));
    }

    @Test
    void shouldGiveUpOnARegistryThatDoesNotAnswerInTime() throws Exception {
        server.stop(0);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        var slow = new RegistrySecretResolver("http://127.0.0.1:" + server.getAddress().getPort(),
                Duration.ofMillis(200));
        var unavailable = assertInstanceOf(Resolution.Unavailable.class, slow.resolve(REFERENCES));
        assertTrue(unavailable.detail().endsWith("did not answer within 200 ms"), unavailable.detail());
    }

    @Test
    void shouldNotCallTheRegistryWithoutReferences() throws Exception {
        var resolved = assertInstanceOf(Resolution.Resolved.class, resolver().resolve(Map.of()));
        assertEquals(SecretValues.NONE, resolved.values());
        assertEquals(List.of(), requests);
    }
}
