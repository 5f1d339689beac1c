package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gradual rollouts (service tags runway:rollout, runway:rollout-interval): an update of a tagged
 * service whose new revision answers 500 to a fifth of its requests (the hello example's
 * /cgi-bin/flaky with FAIL_PERCENT=20) is rolled back by itself on the figures; the old revision
 * then answers every request, the operation ends ROLLBACK_SUCCEEDED and the service's events log
 * carries the figures. A healthy revision goes through the steps to 100 % by itself with no request
 * failing. Bad rollout tags are refused naming the tag.
 */
class GradualRolloutTest {

    @Test
    void shouldRollBackARevisionThatAnswers500ToAFifthOfRequests() throws Exception {
        // given a service on v1 that rolls out by 50 % then 100 %, a minute a step
        String name = Platform.uniqueName("rollout");
        JsonNode service = AwsCli.ok("create-service", "--service-name", name, "--source-configuration",
                source("v1", 0), "--tags", "[{\"Key\":\"runway:rollout\",\"Value\":\"50,100\"},"
                + "{\"Key\":\"runway:rollout-interval\",\"Value\":\"60\"}]").path("Service");
        String arn = service.path("ServiceArn").asText();
        String url = service.path("ServiceUrl").asText();
        assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(90)).path("Status").asText());

        // and a rollout tag Runway cannot read is refused naming it
        String refused = AwsCli.fails("InvalidRequestException", "tag-resource", "--resource-arn", arn, "--tags",
                "[{\"Key\":\"runway:rollout\",\"Value\":\"10,50\"}]");
        assertTrue(refused.contains("runway:rollout"), refused);

        // when it is updated to v2, which answers 500 to about 20 % of requests
        AwsCli.ok("update-service", "--service-arn", arn, "--source-configuration", source("v2", 20));
        Instant deadline = Instant.now().plusSeconds(75);
        int v2Seen = 0;
        JsonNode operation = LifecycleTest.lastOperation(arn);
        while (Instant.now().isBefore(deadline) && operation.path("Status").asText().equals("IN_PROGRESS")) {
            for (int i = 0; i < 20; i++) {
                if (Services.viaRouter(url, "/cgi-bin/flaky").asString().contains("v2")) {
                    v2Seen++;
                }
            }
            operation = LifecycleTest.lastOperation(arn);
        }

        // then it rolled back by itself, after v2 took its share
        assertEquals("ROLLBACK_SUCCEEDED", operation.path("Status").asText(), operation.toString());
        assertTrue(v2Seen > 0, "revision 2 took requests before the rollback");
        assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(30)).path("Status").asText());

        // and the old revision answers every request (once the router has the split's end)
        Platform.eventually("v1 alone", Duration.ofSeconds(10), () -> {
            for (int i = 0; i < 20; i++) {
                if (!LifecycleTest.greeting(url).contains("v1")) {
                    return null;
                }
            }
            return true;
        });
        for (int i = 0; i < 200; i++) {
            Response r = Services.viaRouter(url, "/cgi-bin/flaky");
            assertEquals(200, r.statusCode(), r.asString());
            assertTrue(r.asString().contains("GREETING=v1"), r.asString());
        }

        // and the service's events log says why, with the figures
        String serviceGroup = "/aws/apprunner/" + name + "/" + arn.substring(arn.lastIndexOf('/') + 1) + "/service";
        List<String> lines = Platform.eventually("the rollback in the events log", Duration.ofSeconds(20), () -> {
            List<String> out = new ArrayList<>();
            AwsCli.okOn("logs", "get-log-events", "--log-group-name", serviceGroup, "--log-stream-name", "events",
                    "--start-from-head").path("events").forEach(e -> out.add(e.path("message").asText()));
            return out.stream().anyMatch(l -> l.contains("Rolled back to revision 1")) ? out : null;
        });
        String rolledBack = lines.stream().filter(l -> l.contains("Figures:")).findFirst().orElse(lines.toString());
        assertTrue(rolledBack.contains("5xx rate") && rolledBack.matches(".*revision 2 \\d+ requests, \\d+ 5xx.*"),
                rolledBack);

        Services.deleteAndWait(arn);
    }

    @Test
    void shouldTakeAHealthyRevisionTo100PercentByItselfWithoutFailingARequest() throws Exception {
        // given a service on v1 that rolls out by 50 % then 100 %, 10 s a step (the shortest)
        String name = Platform.uniqueName("rollout-ok");
        JsonNode service = AwsCli.ok("create-service", "--service-name", name, "--source-configuration",
                source("v1", 0), "--tags", "[{\"Key\":\"runway:rollout\",\"Value\":\"50,100\"},"
                + "{\"Key\":\"runway:rollout-interval\",\"Value\":\"10\"}]").path("Service");
        String arn = service.path("ServiceArn").asText();
        String url = service.path("ServiceUrl").asText();
        assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(90)).path("Status").asText());

        // when it is updated to a v2 that answers every request, under steady traffic
        AwsCli.ok("update-service", "--service-arn", arn, "--source-configuration", source("v2", 0));
        Instant deadline = Instant.now().plusSeconds(90);
        int requests = 0;
        int v1Seen = 0;
        int v2Seen = 0;
        boolean bothAtOnce = false;
        List<String> failures = new ArrayList<>();
        JsonNode operation = LifecycleTest.lastOperation(arn);
        while (Instant.now().isBefore(deadline) && operation.path("Status").asText().equals("IN_PROGRESS")) {
            int v1 = 0;
            int v2 = 0;
            for (int i = 0; i < 20; i++) {
                Response r = Services.viaRouter(url, "/cgi-bin/flaky");
                requests++;
                if (r.statusCode() != 200) {
                    failures.add(r.statusCode() + " " + r.asString());
                } else if (r.asString().contains("GREETING=v2")) {
                    v2++;
                } else {
                    v1++;
                }
            }
            v1Seen += v1;
            v2Seen += v2;
            bothAtOnce |= v1 > 0 && v2 > 0;
            operation = LifecycleTest.lastOperation(arn);
        }

        // then the rollout went through its 50 % step and ended by itself, no request failing
        assertEquals("SUCCEEDED", operation.path("Status").asText(), operation.toString());
        assertEquals(List.of(), failures, "of " + requests + " requests during the rollout");
        assertTrue(bothAtOnce, "both revisions answered within one round of 20 requests (the 50 % step): v1 "
                + v1Seen + ", v2 " + v2Seen);
        assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(30)).path("Status").asText());

        // and v2 answers every request (once the router has the rollout's end)
        Platform.eventually("v2 alone", Duration.ofSeconds(10), () -> {
            for (int i = 0; i < 20; i++) {
                if (!LifecycleTest.greeting(url).contains("v2")) {
                    return null;
                }
            }
            return true;
        });
        for (int i = 0; i < 100; i++) {
            Response r = Services.viaRouter(url, "/cgi-bin/flaky");
            assertEquals(200, r.statusCode(), r.asString());
            assertTrue(r.asString().contains("GREETING=v2"), r.asString());
        }

        Services.deleteAndWait(arn);
    }

    private static String source(String greeting, int failPercent) {
        return "{\"ImageRepository\":{\"ImageIdentifier\":\"" + Platform.HELLO_IMAGE + "\",\"ImageRepositoryType\":"
                + "\"ECR\",\"ImageConfiguration\":{\"Port\":\"8080\",\"RuntimeEnvironmentVariables\":{\"GREETING\":\""
                + greeting + "\",\"FAIL_PERCENT\":\"" + failPercent + "\"}}},\"AutoDeploymentsEnabled\":false}";
    }
}
