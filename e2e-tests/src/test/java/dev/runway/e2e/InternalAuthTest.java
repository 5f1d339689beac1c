package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The service-registry's {@code /internal} API trusts nobody on loopback (docs/security.md,
 * "Internal HTTP"): every endpoint answers 401 without a component's credential, 403 with the
 * credential of a component it does not allow, and works with one it allows. The endpoints come
 * from the registry's own list ({@code GET /internal/endpoints}), which a unit test of the registry
 * (InternalAccessTest) holds equal to its resource methods, so a new endpoint is checked here too.
 *
 * <p>Kafka too (docs/security.md, "Kafka"): a client without a password, or with a wrong one, gets
 * nothing; each service's principal writes only the topics deploy/kafka/acls.txt gives it, so the
 * event stream ({@code runway.events}) is the registry's alone. That the services still do their
 * work with their own principals, the rest of the suite shows.
 *
 * <p>And the image registry (docs/security.md, "Image registry"): {@code docker push} without a login
 * is refused, a wrong secret too; any valid access key logs in, pushes and pulls; the workers' own
 * passwords get only their rights (the deploy-worker pulls); the token service answers bad input
 * with a 4xx and a message.
 */
class InternalAuthTest {

    static final String REGISTRY = Platform.env("RUNWAY_SERVICE_REGISTRY_URL");
    static final List<String> COMPONENTS = List.of("service-registry", "api-gateway", "deploy-worker", "build-worker",
            "autoscaler", "router", "operator");
    /** Harmless bodies for the POST endpoints (invalid or empty requests: nothing is changed). */
    static final Map<String, String> BODIES = Map.of(
            "/internal/ssm/{operation}", "{}",
            "/internal/secretsmanager/{operation}", "{}",
            "/internal/secret-references/resolve", "{\"references\":{}}",
            "/internal/connection-credentials/handshake", "{}",
            "/internal/access-keys", "{\"userName\":\"internal-auth-test\"}");

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Endpoint(String method, String path, Set<String> allowed) {
        String concrete() {
            return path.replace("{id}", "AKIANOSUCHKEY0000000").replace("{token}", "no-such-challenge")
                    .replace("{operation}", "GetParameter");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    HttpResponse<String> call(String method, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(REGISTRY + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        String body = BODIES.get(path);
        request.header("Content-Type", "application/json").method(method,
                body == null || method.equals("GET") || method.equals("DELETE") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    List<Endpoint> endpoints() throws IOException {
        HttpResponse<String> r = call("GET", "/internal/endpoints", Platform.internalToken("operator"));
        assertEquals(200, r.statusCode(), r.body());
        List<Endpoint> out = new ArrayList<>();
        for (JsonNode e : AwsCli.JSON.readTree(r.body())) {
            Set<String> allowed = new HashSet<>();
            e.path("allowed").forEach(a -> allowed.add(a.asText()));
            out.add(new Endpoint(e.path("method").asText(), e.path("path").asText(), allowed));
        }
        assertTrue(out.size() > 30, "the registry lists only " + out);
        return out;
    }

    @Test
    void shouldAnswer401WithoutCredentialAnd403ToComponentsAnEndpointDoesNotAllow() throws IOException {
        long started = System.nanoTime();
        List<Endpoint> endpoints = endpoints();
        int calls = 0;
        for (Endpoint e : endpoints) {
            String path = e.concrete();
            // given no credential, a wrong one, or one that is no bearer token: 401 with a JSON reason
            for (String token : new String[] {null, "0".repeat(64), ""}) {
                HttpResponse<String> r = call(e.method(), path, token);
                calls++;
                assertEquals(401, r.statusCode(), e + " without a valid credential: " + r.body());
                assertEquals("Unauthenticated", AwsCli.JSON.readTree(r.body()).path("error").asText(), r.body());
            }
            // given a real credential of a component this endpoint does not allow: 403
            for (String component : COMPONENTS) {
                if (e.allowed().contains(component)) {
                    continue;
                }
                HttpResponse<String> r = call(e.method(), path, Platform.internalToken(component));
                calls++;
                assertEquals(403, r.statusCode(), e + " with the credential of " + component + ": " + r.body());
                assertTrue(r.body().contains(component), r.body());
            }
            // given the credential of each component it allows: past the filter, and no server error
            // (the projection rebuild is left alone: it would disturb the other tests' reads)
            if (e.path().equals("/internal/projections/rebuild")) {
                continue;
            }
            for (String component : e.allowed()) {
                HttpResponse<String> r = call(e.method(), path, Platform.internalToken(component));
                calls++;
                assertTrue(r.statusCode() != 401 && r.statusCode() != 403 && r.statusCode() < 500,
                        e + " with the credential of " + component + " answered " + r.statusCode() + ": " + r.body());
                if (e.path().equals("/internal/access-keys") && e.method().equals("POST")) {
                    String id = AwsCli.JSON.readTree(r.body()).path("accessKeyId").asText();
                    assertEquals(204, call("DELETE", "/internal/access-keys/" + id, Platform.internalToken("operator"))
                            .statusCode(), "the key this test made is deleted");
                }
            }
        }
        // an unknown path below /internal tells nothing without a credential either
        assertEquals(401, call("GET", "/internal/no-such-endpoint", null).statusCode());
        System.out.printf("InternalAuthTest: %d endpoints, %d calls in %d ms%n", endpoints.size(), calls,
                (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void shouldServeEachComponentWhatItNeeds() throws IOException {
        // the router's route snapshot, the deploy-worker's secret resolution, the operator's key list
        HttpResponse<String> routes = call("GET", "/internal/routes", Platform.internalToken("router"));
        assertEquals(200, routes.statusCode(), routes.body());
        assertTrue(AwsCli.JSON.readTree(routes.body()).has("routes"), routes.body());
        HttpResponse<String> resolved = call("POST", "/internal/secret-references/resolve",
                Platform.internalToken("deploy-worker"));
        assertEquals(200, resolved.statusCode(), resolved.body());
        HttpResponse<String> keys = call("GET", "/internal/access-keys", Platform.internalToken("operator"));
        assertEquals(200, keys.statusCode(), keys.body());
        assertTrue(keys.body().contains(Platform.ACCESS_KEY_ID), "the admin key is listed: " + keys.body());
        // but the secret of a key only to the gateway, which verifies signatures with it
        String secretPath = "/internal/access-keys/" + Platform.ACCESS_KEY_ID + "/secret";
        assertEquals(403, call("GET", secretPath, Platform.internalToken("operator")).statusCode());
        assertEquals(200, call("GET", secretPath, Platform.internalToken("api-gateway")).statusCode());
    }

    @Test
    void shouldKeepHealthAndPrometheusOpen() {
        HttpResponse<String> ready = call("GET", "/q/health/ready", null);
        assertEquals(200, ready.statusCode(), ready.body());
        HttpResponse<String> metrics = call("GET", "/q/metrics", null);
        assertEquals(200, metrics.statusCode());
    }

    @Test
    void shouldRefusePostgresqlWithoutAPasswordAndRunTheRegistryWithoutSuperuser() throws Exception {
        // psql over TCP without a password, as the registry's role and as the superuser: no trust lines
        for (String user : List.of("runway", "postgres")) {
            String out = Platform.run(List.of("psql", "-X", "-w", "-h", "127.0.0.1", "-p", Platform.env("RUNWAY_DB_PORT"),
                    "-U", user, "-d", "runway", "-c", "select 1"), Duration.ofSeconds(20), true);
            assertTrue(out.contains("no password supplied") || out.contains("password authentication failed"),
                    "psql as " + user + " without a password: " + out);
        }
        // a wrong password is refused too
        java.sql.SQLException wrong = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                () -> Platform.database("0".repeat(64)).close());
        assertTrue(String.valueOf(wrong.getMessage()).contains("password authentication failed"), wrong.getMessage());
        // and the role the registry runs as is no superuser and owns only its database
        try (var db = Platform.database(); var q = db.createStatement();
                var rs = q.executeQuery("select rolsuper, rolcreatedb, rolcreaterole from pg_roles where rolname = current_user")) {
            assertTrue(rs.next());
            assertEquals(List.of(false, false, false), List.of(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3)));
        }
    }

    @Test
    void shouldStillServeTheApiThroughTheGatewaysOwnCredential() {
        // a signed API call: the gateway reads the key's secret and the services from the registry
        JsonNode services = AwsCli.ok("list-services");
        assertTrue(services.has("ServiceSummaryList"), services.toString());
        // and the launcher's own calls carry the operator's credential
        String listed = Platform.runway("credentials", "list");
        assertTrue(listed.contains(Platform.ACCESS_KEY_ID), listed);
    }

    /** The services other than the registry: none of them may write the event stream. */
    static final List<String> NOT_THE_REGISTRY = List.of("api-gateway", "deploy-worker", "build-worker", "autoscaler",
            "router");

    /** Sends one record and returns why it failed, or null when it was written. */
    static Throwable sendFailure(Properties settings, String topic) {
        settings.put("max.block.ms", "8000");
        settings.put("request.timeout.ms", "5000");
        settings.put("delivery.timeout.ms", "10000");
        try (var producer = new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "internal-auth-test", "{}")).get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (RuntimeException e) {
            return e;
        }
    }

    @Test
    void shouldRefuseKafkaClientsWithoutAValidPassword() {
        // no credential at all: the listener speaks SASL only, so the client never gets the metadata
        Properties plain = new Properties();
        plain.put("bootstrap.servers", Platform.env("RUNWAY_KAFKA_BOOTSTRAP_SERVERS"));
        Throwable none = sendFailure(plain, "runway.commands");
        assertInstanceOf(TimeoutException.class, none, "producing to runway.commands without a credential: " + none);
        // a known principal with a wrong password, and a principal nobody made
        Properties wrong = Platform.kafka("api-gateway");
        wrong.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"api-gateway\" password=\"" + "0".repeat(64) + "\";");
        Throwable refused = sendFailure(wrong, "runway.commands");
        assertInstanceOf(SaslAuthenticationException.class, refused, "a wrong password: " + refused);
        Properties stranger = Platform.kafka("api-gateway");
        stranger.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"operator\" password=\"" + Platform.kafkaPassword("api-gateway") + "\";");
        Throwable unknown = sendFailure(stranger, "runway.commands");
        assertInstanceOf(SaslAuthenticationException.class, unknown, "an unknown principal: " + unknown);
    }

    @Test
    void shouldLetOnlyTheRegistryWriteTheEventStream() {
        for (String component : NOT_THE_REGISTRY) {
            Throwable t = sendFailure(Platform.kafka(component), "runway.events");
            assertInstanceOf(TopicAuthorizationException.class, t, component + " producing to runway.events: " + t);
        }
    }

    @Test
    void shouldLetTheGatewayReadOnlyWhatItConsumes() {
        Properties settings = Platform.kafka("api-gateway");
        try (var c = new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
            // its own topic to write is visible to it (Describe comes with Write) ...
            assertTrue(c.partitionsFor("runway.commands", Duration.ofSeconds(10)).size() > 0);
            // ... but reading the commands is the registry's
            c.assign(List.of(new TopicPartition("runway.commands", 0)));
            c.seekToBeginning(c.assignment());
            TopicAuthorizationException e = org.junit.jupiter.api.Assertions.assertThrows(
                    TopicAuthorizationException.class, () -> {
                        for (int i = 0; i < 20; i++) {
                            c.poll(Duration.ofMillis(500));
                        }
                    }, "the gateway reading runway.commands");
            assertTrue(e.unauthorizedTopics().contains("runway.commands"), e.toString());
            // and what it does consume, it may read: the verdicts on runway.replies
            c.unsubscribe();
            assertTrue(c.partitionsFor("runway.replies", Duration.ofSeconds(10)).size() > 0);
        }
    }

    // ---------------------------------------------------------------- the image registry

    static final String TOKEN_URL = Platform.GATEWAY + "/registry/token";

    HttpResponse<String> tokenRequest(String authorization, String query) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TOKEN_URL + query)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + TOKEN_URL + query + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The {@code access} claim of a token answer, as "name:actions" strings. */
    static List<String> access(HttpResponse<String> answer) throws IOException {
        assertEquals(200, answer.statusCode(), answer.body());
        String token = AwsCli.JSON.readTree(answer.body()).path("token").asText();
        JsonNode claims = AwsCli.JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        List<String> out = new ArrayList<>();
        for (JsonNode a : claims.path("access")) {
            List<String> actions = new ArrayList<>();
            a.path("actions").forEach(x -> actions.add(x.asText()));
            out.add(a.path("name").asText() + ":" + String.join(",", actions));
        }
        return out;
    }

    /** An access key made for the test through the operator's credential: {@code [id, secret]}. */
    String[] newAccessKey() throws IOException {
        HttpResponse<String> made = call("POST", "/internal/access-keys", Platform.internalToken("operator"));
        assertEquals(201, made.statusCode(), made.body());
        JsonNode key = AwsCli.JSON.readTree(made.body());
        return new String[] {key.path("accessKeyId").asText(), key.path("secretAccessKey").asText()};
    }

    @Test
    void shouldRefuseRegistryPushesWithoutLoginAndTakeThemFromAnAccessKey() throws IOException {
        String image = Platform.IMAGE_REGISTRY + "/" + Platform.uniqueName("registry-auth") + ":1";
        // the base image every test platform builds (always on this machine)
        Platform.run(List.of("docker", "tag", "runway/busybox:local", image), Duration.ofSeconds(30));
        java.nio.file.Path config = java.nio.file.Files.createTempDirectory("runway-e2e-docker-nologin");
        Map<String, String> env = Map.of("DOCKER_CONFIG", config.toString());
        String[] key = newAccessKey();
        try {
            // the registry itself asks every caller for a token of the gateway's token service
            HttpResponse<String> v2 = http.send(HttpRequest.newBuilder(URI.create("http://" + Platform.IMAGE_REGISTRY
                    + "/v2/")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, v2.statusCode(), v2.body());
            assertTrue(v2.headers().firstValue("WWW-Authenticate").orElse("").contains("/registry/token"),
                    v2.headers().map().toString());
            // without login: refused
            assertRefused(Platform.run(List.of("docker", "push", image), Duration.ofMinutes(2), true, env));
            // a wrong secret: the login itself is refused
            String wrong = Platform.dockerLogin(config, key[0], key[1] + "x", true);
            assertTrue(wrong.contains("unauthorized"), wrong);
            assertRefused(Platform.run(List.of("docker", "push", image), Duration.ofMinutes(2), true, env));
            // a valid access key (not the admin's: any key): login, push and pull
            String ok = Platform.dockerLogin(config, key[0], key[1], false);
            assertTrue(ok.contains("Login Succeeded"), ok);
            Platform.run(List.of("docker", "push", image), Duration.ofMinutes(2), false, env);
            Platform.run(List.of("docker", "rmi", image), Duration.ofSeconds(30));
            Platform.run(List.of("docker", "pull", image), Duration.ofMinutes(2), false, env);
            // a deleted key logs in no more (the gateway forgets it within its 5 s cache)
            assertEquals(204, call("DELETE", "/internal/access-keys/" + key[0], Platform.internalToken("operator"))
                    .statusCode());
            String[] deleted = key;
            key = null;
            Platform.eventually("the deleted key refused", Duration.ofSeconds(20), () -> {
                String out = Platform.dockerLogin(config, deleted[0], deleted[1], true);
                return out.contains("unauthorized") ? out : null;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            if (key != null) {
                call("DELETE", "/internal/access-keys/" + key[0], Platform.internalToken("operator"));
            }
            Platform.run(List.of("docker", "rmi", "-f", image), Duration.ofSeconds(30), true);
            Platform.deleteTree(config);
        }
    }

    /** What the Docker CLI says of a push the registry refused for want of a login. */
    static void assertRefused(String pushOutput) {
        assertTrue(pushOutput.contains("unauthorized") || pushOutput.contains("authentication required")
                || pushOutput.contains("no basic auth credentials"), pushOutput);
        assertTrue(!pushOutput.contains("digest: sha256:"), "the push went through: " + pushOutput);
    }

    @Test
    void shouldGiveTheWorkersOnlyTheirOwnRegistryRights() throws IOException {
        String repo = "repository:any/app:pull,push";
        // the deploy-worker pulls and nothing else; the build-worker pushes too
        assertEquals(List.of("any/app:pull"), access(tokenRequest(basic("deploy-worker",
                registryPassword("deploy-worker")), "?service=runway-registry&scope=" + repo)));
        assertEquals(List.of("any/app:pull,push"), access(tokenRequest(basic("build-worker",
                registryPassword("build-worker")), "?service=runway-registry&scope=" + repo)));
        // an access key gets both; a component's password is its own
        assertEquals(List.of("any/app:pull,push"), access(tokenRequest(basic(Platform.ACCESS_KEY_ID,
                Platform.SECRET_ACCESS_KEY), "?service=runway-registry&scope=" + repo)));
        assertEquals(401, tokenRequest(basic("build-worker", registryPassword("deploy-worker")), "").statusCode());
    }

    @Test
    void shouldAnswerBadTokenRequestsWithAClearErrorNever5xx() throws IOException {
        String admin = basic(Platform.ACCESS_KEY_ID, Platform.SECRET_ACCESS_KEY);
        HttpResponse<String> none = tokenRequest(null, "?service=runway-registry");
        assertEquals(401, none.statusCode(), none.body());
        assertTrue(none.body().contains("docker login"), none.body());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"), none.headers().map().toString());
        Map<String, Integer> cases = new java.util.LinkedHashMap<>();
        cases.put("Bearer nonsense|", 400);
        cases.put("Basic %%%|", 400);
        cases.put(basic("no-such-user", "x") + "|", 401);
        cases.put(basic(Platform.ACCESS_KEY_ID, "wrong") + "|", 401);
        cases.put(basic("../../internal/access-keys", "x") + "|", 401);
        cases.put(admin + "|?scope=repository:UPPER:pull", 400);
        cases.put(admin + "|?scope=nonsense", 400);
        cases.put(admin + "|?scope=repository:app:", 400);
        cases.put(admin + "|?scope=repository:app:pull%2Cpu%24h", 400);
        cases.put(admin + "|?service=another-registry", 400);
        cases.put(admin + "|?scope=" + "repository:a:pull+".repeat(50), 400);
        cases.put(admin + "|?scope=repository:" + "a".repeat(400) + ":pull", 400);
        for (var c : cases.entrySet()) {
            String[] parts = c.getKey().split("\\|", -1);
            HttpResponse<String> r = tokenRequest(parts[0], parts[1]);
            assertEquals(c.getValue(), r.statusCode(), c.getKey() + ": " + r.body());
            JsonNode error = AwsCli.JSON.readTree(r.body()).path("errors").path(0);
            assertTrue(error.path("message").asText().length() > 20, c.getKey() + ": " + r.body());
        }
    }

    static String registryPassword(String worker) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of(Platform.env("RUNWAY_HOME"),
                    "registry-credentials", worker)).strip();
        } catch (IOException e) {
            throw new IllegalStateException("no registry password of " + worker + " in the state directory", e);
        }
    }
}
