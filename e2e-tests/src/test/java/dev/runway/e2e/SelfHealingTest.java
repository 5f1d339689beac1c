package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The deploy-worker's reconciler replaces an instance that dies outside any operation. */
class SelfHealingTest {

    @Test
    void shouldReplaceAKilledInstanceAndServeAgain() {
        // given a running service
        JsonNode service = Services.create(Platform.uniqueName("heal"), Platform.HELLO_IMAGE).path("Service");
        String arn = service.path("ServiceArn").asText();
        String url = service.path("ServiceUrl").asText();
        assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(90)).path("Status").asText());
        Platform.eventually("the first 200", Duration.ofSeconds(10),
                () -> Services.viaRouter(url, "/").statusCode() == 200 ? true : null);
        List<String> before = Platform.containersOf(arn);
        assertEquals(1, before.size());

        // when its container is killed behind the platform's back
        Instant killed = Instant.now();
        Platform.run(List.of("docker", "rm", "-f", before.get(0)), Duration.ofSeconds(30));

        // then a new instance serves the same URL again within seconds, and the service stays RUNNING
        Platform.eventually("a replacement to serve " + url, Duration.ofSeconds(20),
                () -> Services.viaRouter(url, "/").statusCode() == 200 ? true : null);
        System.out.printf("instance replaced and serving %d ms after it was killed%n",
                Duration.between(killed, Instant.now()).toMillis());
        List<String> after = Platform.containersOf(arn);
        assertEquals(1, after.size());
        assertNotEquals(before.get(0), after.get(0));
        assertEquals("RUNNING", Services.describe(arn).path("Status").asText());

        Services.deleteAndWait(arn);
    }

    @Test
    void shouldReplaceAnInstanceThatFailsItsHealthCheckWhileRunning() throws Exception {
        // given a service checked over HTTP on /index.html
        JsonNode service = AwsCli.ok("create-service", "--service-name", Platform.uniqueName("unhealthy"),
                "--source-configuration", AwsCli.imageSource(Platform.HELLO_IMAGE), "--health-check-configuration",
                "{\"Protocol\":\"HTTP\",\"Path\":\"/index.html\",\"Interval\":1,\"Timeout\":1,"
                        + "\"HealthyThreshold\":1,\"UnhealthyThreshold\":2}").path("Service");
        String arn = service.path("ServiceArn").asText();
        String url = service.path("ServiceUrl").asText();
        assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(90)).path("Status").asText());
        List<String> before = Platform.containersOf(arn);

        // when the page its check asks for disappears while the process keeps running
        Platform.run(List.of("docker", "exec", "-u", "0", before.get(0), "rm", "/www/index.html"), Duration.ofSeconds(30));
        assertEquals(404, Services.viaRouter(url, "/index.html").statusCode());

        // then it is taken out and replaced by a healthy instance, and an event says why
        Platform.eventually("a healthy replacement", Duration.ofSeconds(40),
                () -> Services.viaRouter(url, "/index.html").statusCode() == 200 ? true : null);
        List<String> after = Platform.containersOf(arn);
        assertEquals(1, after.size());
        assertNotEquals(before.get(0), after.get(0));
        assertEquals("RUNNING", Services.describe(arn).path("Status").asText());
        try (Connection db = DriverManager.getConnection(Platform.env("RUNWAY_DB_URL"), Platform.env("RUNWAY_DB_USER"),
                Platform.env("RUNWAY_DB_PASSWORD"));
                var query = db.prepareStatement("select data->>'reason' from events where stream_id = ?"
                        + " and type = 'InstancesReplaced'")) {
            query.setString(1, arn);
            try (ResultSet rs = query.executeQuery()) {
                assertTrue(rs.next(), "an InstancesReplaced event was recorded");
                String reason = rs.getString(1);
                assertTrue(reason.contains("health check") && reason.contains("/index.html"), reason);
            }
        }

        Services.deleteAndWait(arn);
    }
}
