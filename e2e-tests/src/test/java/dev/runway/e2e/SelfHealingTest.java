package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
}
