package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
        Platform.run(List.of("docker", "kill", before.get(0)), Duration.ofSeconds(30));

        // then a new instance serves the same URL again within 10 s, and the service stays RUNNING
        Platform.eventually("a replacement to serve " + url, Duration.ofSeconds(10),
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
        var replaced = EventLog.of(arn, "InstancesReplaced");
        assertEquals(1, replaced.size(), "an InstancesReplaced event was recorded: " + replaced);
        String reason = replaced.get(0).data().path("reason").asText();
        assertTrue(reason.contains("health check") && reason.contains("/index.html"), reason);

        Services.deleteAndWait(arn);
    }

    @Test
    void shouldReplaceAnInstanceKilledForUsingTooMuchMemoryAndSayWhy() {
        // given a service on the smallest instance (512 MB) whose app, once told to, eats memory
        String start = "busybox httpd -p 127.0.0.1:$PORT -h /www; while [ ! -f /tmp/eat-memory ]; do sleep 0.2; done;"
                + " exec tail /dev/zero";
        JsonNode service = AwsCli.ok("create-service", "--service-name", Platform.uniqueName("oom"),
                "--source-configuration", "{\"ImageRepository\":{\"ImageIdentifier\":\"" + Platform.HELLO_IMAGE
                        + "\",\"ImageRepositoryType\":\"ECR\",\"ImageConfiguration\":{\"Port\":\"8080\","
                        + "\"StartCommand\":\"" + start + "\"}},\"AutoDeploymentsEnabled\":false}",
                "--instance-configuration", "Cpu=256,Memory=512").path("Service");
        String arn = service.path("ServiceArn").asText();
        String url = service.path("ServiceUrl").asText();
        assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(90)).path("Status").asText());
        List<String> before = Platform.containersOf(arn);
        assertEquals(1, before.size());

        // when it goes over its memory limit
        Platform.run(List.of("docker", "exec", before.get(0), "touch", "/tmp/eat-memory"), Duration.ofSeconds(30));

        // then the kernel kills it, a new instance serves, and the event says it was killed for memory
        Platform.eventually("a replacement to serve " + url, Duration.ofSeconds(20), () -> {
            List<String> now = Platform.containersOf(arn);
            return now.size() == 1 && !now.equals(before) && Services.viaRouter(url, "/").statusCode() == 200
                    ? true : null;
        });
        var replaced = Platform.eventually("the InstancesReplaced event", Duration.ofSeconds(10), () -> {
            var events = EventLog.of(arn, "InstancesReplaced");
            return events.isEmpty() ? null : events;
        });
        String reason = replaced.get(0).data().path("reason").asText();
        assertTrue(reason.contains("exited with code 137") && reason.contains("memory"), reason);
        assertEquals("RUNNING", Services.describe(arn).path("Status").asText());

        Services.deleteAndWait(arn);
    }
}
