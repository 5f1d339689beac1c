package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apprunner.AppRunnerClient;

/**
 * {@code ./runway credentials rotate} (docs/security.md, "Rotating"): the api-gateway's internal API
 * token and Kafka password and the database password are replaced while the API answers a steady
 * stream of signed reads, none of which fails; then every component has to log in anew (the
 * registry's database sessions are ended, Kafka restarts for its own new password) and a write still
 * goes through gateway, Kafka, registry and PostgreSQL; the old secrets open nothing. The gateway's
 * own secrets (stream token, push notification token, webhook signing key) are replaced with a
 * stream open, a webhook rule and a watched image: each still works with the new secret, and the
 * old one stops working when its grace ends.
 */
class CredentialRotationTest {

    static final String REGISTRY = "http://127.0.0.1:" + Platform.env("RUNWAY_SERVICE_REGISTRY_PORT");

    @Test
    void shouldRotateTheInternalCredentialsWithoutStoppingTheApi() throws Exception {
        String oldToken = Platform.internalToken("api-gateway");
        String oldKafka = Platform.kafkaPassword("api-gateway");
        String oldDatabase = Platform.dbPassword();
        try (AppRunnerClient api = JavaSdkTest.local(AppRunnerClient.builder())) {
            try (var reads = new SteadyReads(api)) {
                // when the gateway's credentials and the database password are rotated under load
                String out = Platform.runway("credentials", "rotate", "api-gateway");
                assertTrue(out.contains("internal API credential") && out.contains("Kafka password"), out);
                out = Platform.runway("credentials", "rotate", "database");
                assertTrue(out.contains("new password of role"), out);
                Platform.sleep(1000);
                // then no signed read failed meanwhile (each needs the gateway's token and the database)
                assertTrue(reads.succeeded() > 10, "only " + reads.succeeded() + " reads in the whole rotation");
                assertEquals(List.of(), reads.failures());
            }
            // when every connection must be opened again: the registry's to PostgreSQL ended, Kafka restarted
            int ended = endRegistryConnections();
            assertTrue(ended > 0, "the registry had no database connection to end");
            Platform.runway("credentials", "rotate", "broker");
            // then a write goes through gateway, Kafka and registry to PostgreSQL, all logged in anew
            String name = Platform.uniqueName("rotation");
            Platform.eventually("a write after the rotation", Duration.ofSeconds(60), () ->
                    api.createAutoScalingConfiguration(b -> b.autoScalingConfigurationName(name).maxSize(3)));
            api.listAutoScalingConfigurations(b -> b.autoScalingConfigurationName(name)).autoScalingConfigurationSummaryList()
                    .forEach(c -> api.deleteAutoScalingConfiguration(b -> b.autoScalingConfigurationArn(
                            c.autoScalingConfigurationArn())));
        }
        // the secrets did change, and the old ones open nothing
        assertNotEquals(oldToken, Platform.internalToken("api-gateway"));
        assertNotEquals(oldKafka, Platform.kafkaPassword("api-gateway"));
        assertNotEquals(oldDatabase, Platform.dbPassword());
        Platform.eventually("the old internal token refused after its grace", Duration.ofSeconds(30),
                () -> internalCall(oldToken) == 401 ? true : null);
        assertEquals(200, internalCall(Platform.internalToken("api-gateway")));
        Properties old = Platform.kafka("api-gateway");
        old.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"api-gateway\" password=\"" + oldKafka + "\";");
        Throwable refused = InternalAuthTest.sendFailure(old, "runway.commands");
        assertInstanceOf(SaslAuthenticationException.class, refused, "the old Kafka password: " + refused);
        SQLException db = assertThrows(SQLException.class, () -> Platform.database(oldDatabase).close());
        assertTrue(String.valueOf(db.getMessage()).contains("password authentication failed"), db.getMessage());
    }

    @Test
    void shouldRotateTheGatewaysSecretsWhileStreamsWebhooksAndPushesGoOn() throws Exception {
        // a service that deploys each image pushed under its tag
        String image = Platform.IMAGE_REGISTRY + "/" + Platform.uniqueName("rotation") + ":live";
        AutoDeployTest.pushPage(image, "before the rotation");
        JsonNode service = AwsCli.ok("create-service", "--service-name", Platform.uniqueName("rotation"),
                "--source-configuration", "{\"ImageRepository\":{\"ImageIdentifier\":\"" + image
                        + "\",\"ImageRepositoryType\":\"ECR\"},\"AutoDeploymentsEnabled\":true}").path("Service");
        String arn = service.path("ServiceArn").asText();
        String url = service.path("ServiceUrl").asText();
        String type = Platform.uniqueName("rotation");
        String pattern = "{\"source\":[\"e2e.rotation\"],\"detail-type\":[\"" + type + "\"]}";
        String rule = Platform.uniqueName("rotation");
        String oldStream = Platform.profileSecret("events-stream-token");
        String oldSigning = Platform.profileSecret("events-signing-secret");
        String oldNotify = Platform.profileSecret("registry-notify-token");
        try (Subscriber subscriber = new Subscriber()) {
            EventsTest.events("put-rule", "--name", rule, "--event-pattern", pattern);
            EventsTest.events("put-targets", "--rule", rule, "--targets", "[{\"Id\":\"hook\",\"Arn\":\""
                    + subscriber.url("/hook") + "\"}]");
            assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(90)).path("Status").asText());
            try (EventStreamTest.Stream held = new EventStreamTest.Stream(pattern, oldStream)) {
                held.awaitOpen();
                // when the three are rotated
                String out = Platform.runway("credentials", "rotate", "event-stream");
                assertTrue(out.contains("new stream token"), out);
                out = Platform.runway("credentials", "rotate", "webhook-signing");
                assertTrue(out.contains("new signing key"), out);
                out = Platform.runway("credentials", "rotate", "registry-notify");
                assertTrue(out.contains("image registry restarted"), out);
                String newStream = Platform.profileSecret("events-stream-token");
                String newSigning = Platform.profileSecret("events-signing-secret");
                assertNotEquals(oldStream, newStream);
                assertNotEquals(oldSigning, newSigning);
                assertNotEquals(oldNotify, Platform.profileSecret("registry-notify-token"));

                // then a stream opens with the new token and gets the events
                try (EventStreamTest.Stream fresh = new EventStreamTest.Stream(pattern, newStream)) {
                    fresh.awaitOpen();
                    EventsTest.events("put-events", "--entries", "[{\"Source\":\"e2e.rotation\",\"DetailType\":\""
                            + type + "\",\"Detail\":\"{\\\"n\\\":1}\"}]");
                    assertEquals(1, EventStreamTest.detail(fresh.next(1).get(0)[1]).path("n").asInt());
                }
                // and a webhook carries a signature by the new key and one by the old (the grace is 24 h)
                Subscriber.Delivery d = Platform.eventually("the webhook delivery", Duration.ofSeconds(30),
                        () -> subscriber.at("/hook").isEmpty() ? null : subscriber.at("/hook").get(0));
                String header = d.header("X-Runway-Signature");
                String signed = EventsTest.timestamp(header) + "." + d.raw();
                assertEquals(List.of(EventsTest.hmac(newSigning, signed), EventsTest.hmac(oldSigning, signed)),
                        EventsTest.signatures(header), header);
                EventsTest.assertSigned(d);

                // and the old stream token opens nothing after its 10 s, and the stream opened with it ends
                Platform.eventually("the old stream token refused after its grace", Duration.ofSeconds(30),
                        () -> streamStatus(oldStream) == 401 ? true : null);
                held.ended.get(30, TimeUnit.SECONDS);
                assertEquals(200, streamStatus(newStream));
            }
            // and a push after the registry's restart still reaches the gateway: the service deploys it
            AutoDeployTest.pushPage(image, "after the rotation");
            Platform.eventually("the image pushed after the rotation to serve", Duration.ofSeconds(90),
                    () -> Services.viaRouter(url, "/").asString().contains("after the rotation") ? true : null);
            // and the old notification token is refused once its 60 s are over, the new one taken
            assertEquals(200, notification(Platform.profileSecret("registry-notify-token")));
            Platform.eventually("the old notification token refused after its grace", Duration.ofSeconds(90),
                    () -> notification(oldNotify) == 403 ? true : null);
        } finally {
            AwsCli.run("events", "remove-targets", "--rule", rule, "--ids", "hook");
            AwsCli.run("events", "delete-rule", "--name", rule);
            Services.deleteAndWait(arn);
        }
    }

    @Test
    void shouldRotateTheMasterKeyAndStillOpenEverySecret() throws Exception {
        java.nio.file.Path keyFile = java.nio.file.Path.of(Platform.env("RUNWAY_HOME"), "service-registry", "credentials.key");
        byte[] oldKey = java.nio.file.Files.readAllBytes(keyFile);
        String before = Platform.uniqueName("/e2e/rotation/before");
        String after = Platform.uniqueName("/e2e/rotation/after");
        AwsCli.okOn("ssm", "put-parameter", "--name", before, "--type", "SecureString", "--value", "sealed under the old key");
        try (AppRunnerClient api = JavaSdkTest.local(AppRunnerClient.builder())) {
            try (var reads = new SteadyReads(api)) {
                // when the master key is rotated under load
                String out = Platform.runway("credentials", "rotate", "master-key");
                assertTrue(out.contains("re-sealed under it") && out.contains("access key secret"), out);
                Platform.sleep(6000); // past the gateway's cache of access key secrets (5 s): they are read again
                assertTrue(reads.succeeded() > 10, "only " + reads.succeeded() + " reads in the whole rotation");
                assertEquals(List.of(), reads.failures());
            }
            byte[] newKey = java.nio.file.Files.readAllBytes(keyFile);
            assertEquals(32, newKey.length);
            assertTrue(!java.util.Arrays.equals(oldKey, newKey), "the key file holds a new key");
            // then the old key is kept beside it, and the access keys' secrets are sealed under the new one
            try (var dir = java.nio.file.Files.list(keyFile.resolveSibling("credentials.key.retired"))) {
                assertTrue(dir.anyMatch(f -> {
                    try {
                        return java.util.Arrays.equals(oldKey, java.nio.file.Files.readAllBytes(f));
                    } catch (java.io.IOException e) {
                        throw new AssertionError(e);
                    }
                }), "the old key is among the retired keys");
            }
            byte[] newId = java.util.Arrays.copyOf(java.security.MessageDigest.getInstance("SHA-256").digest(newKey), 8);
            try (var db = Platform.database(); var rows = db.createStatement().executeQuery(
                    "select access_key_id, secret_ciphertext from access_keys")) {
                int n = 0;
                while (rows.next()) {
                    byte[] sealed = rows.getBytes(2);
                    assertEquals(1, sealed[0], "tagged with its key id: " + rows.getString(1));
                    assertTrue(java.util.Arrays.equals(newId, java.util.Arrays.copyOfRange(sealed, 1, 9)),
                            "sealed under the new key: " + rows.getString(1));
                    n++;
                }
                assertTrue(n > 0, "no access key in the table");
            }
            // and a signed call still verifies (its secret opened with the new key), a value sealed in an
            // event under the old key still opens, a new one is sealed and opens under the new key
            api.listServices(b -> b.maxResults(1));
            assertEquals("sealed under the old key", AwsCli.okOn("ssm", "get-parameter", "--name", before,
                    "--with-decryption").path("Parameter").path("Value").asText());
            AwsCli.okOn("ssm", "put-parameter", "--name", after, "--type", "SecureString", "--value", "sealed under the new key");
            assertEquals("sealed under the new key", AwsCli.okOn("ssm", "get-parameter", "--name", after,
                    "--with-decryption").path("Parameter").path("Value").asText());
        } finally {
            AwsCli.run("ssm", "delete-parameter", "--name", before);
            AwsCli.run("ssm", "delete-parameter", "--name", after);
        }
    }

    /** The status of GET /events/stream with a token (the stream itself is closed at once). */
    static int streamStatus(String token) {
        try {
            HttpResponse<java.io.InputStream> r = EventStreamTest.HTTP.send(HttpRequest.newBuilder(URI.create(
                    Platform.GATEWAY + "/events/stream")).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
            r.body().close();
            return r.statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** POST /registry/events (no events) with a notification token; the status. */
    static int notification(String token) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(Platform.GATEWAY + "/registry/events"))
                    .header("Authorization", "Bearer " + token).header("Content-Type",
                            "application/vnd.docker.distribution.events.v1+json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"events\":[]}")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Ends the registry's database sessions (a role may end its own), so its pool must log in again. */
    static int endRegistryConnections() throws SQLException {
        try (var db = Platform.database();
                var kill = db.prepareStatement("select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity"
                        + " where usename = current_user and pid <> pg_backend_pid() and datname = current_database()");
                var rs = kill.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** GET /internal/services (allowed to the api-gateway) with a token; the status. */
    static int internalCall(String token) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(REGISTRY + "/internal/services"))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Signed ListServices calls every 100 ms from a thread of its own, counting what fails and why. */
    static final class SteadyReads implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger succeeded = new AtomicInteger();
        private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;

        SteadyReads(AppRunnerClient api) {
            thread = new Thread(() -> {
                while (running.get()) {
                    try {
                        api.listServices(b -> b.maxResults(5));
                        succeeded.incrementAndGet();
                    } catch (RuntimeException e) {
                        failures.add(e.toString());
                    }
                    Platform.sleep(100);
                }
            }, "steady-reads");
            thread.start();
        }

        int succeeded() {
            return succeeded.get();
        }

        List<String> failures() {
            return List.copyOf(failures);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(30_000);
        }
    }
}
