package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Updates, deployments, pause and resume of a running service, through the real aws CLI. */
class LifecycleTest {

    static String source(String image, String greeting) {
        return "{\"ImageRepository\":{\"ImageIdentifier\":\"" + image + "\",\"ImageRepositoryType\":\"ECR\","
                + "\"ImageConfiguration\":{\"Port\":\"8080\",\"RuntimeEnvironmentVariables\":{\"GREETING\":\""
                + greeting + "\"}}},\"AutoDeploymentsEnabled\":false}";
    }

    static String greeting(String url) {
        return Services.viaRouter(url, "/cgi-bin/env").asString();
    }

    static JsonNode lastOperation(String arn) {
        return RawApi.call("ListOperations", "{\"ServiceArn\":\"" + arn + "\"}").path("OperationSummaryList").get(0);
    }

    @Test
    void shouldRollOutUpdatesWithoutFailingARequestAndKeepServingWhenOneFails() throws Exception {
        // given a running service under a steady load
        JsonNode service = Services.create(Platform.uniqueName("update"), Platform.HELLO_IMAGE).path("Service");
        String arn = service.path("ServiceArn").asText();
        String url = service.path("ServiceUrl").asText();
        assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(90)).path("Status").asText());
        Platform.eventually("the first 200", Duration.ofSeconds(10),
                () -> Services.viaRouter(url, "/").statusCode() == 200 ? true : null);

        try (SteadyLoad load = new SteadyLoad(url, "/", 4, Duration.ofSeconds(120))) {
            // when the environment is updated twice
            for (String value : List.of("second", "third")) {
                JsonNode updating = AwsCli.ok("update-service", "--service-arn", arn, "--source-configuration",
                        source(Platform.HELLO_IMAGE, value));
                assertEquals("OPERATION_IN_PROGRESS", updating.path("Service").path("Status").asText());
                // then each new revision serves the new value
                assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(90)).path("Status").asText());
                assertTrue(greeting(url).contains("GREETING=" + value), greeting(url));
                assertEquals("UPDATE_SERVICE", lastOperation(arn).path("Type").asText());
                assertEquals("SUCCEEDED", lastOperation(arn).path("Status").asText());
            }

            // when an update names an image that does not exist
            String missing = Platform.IMAGE_REGISTRY + "/no-such-image-" + Platform.uniqueName("u") + ":1";
            AwsCli.ok("update-service", "--service-arn", arn, "--source-configuration", source(missing, "never"));
            JsonNode after = Services.settle(arn, Duration.ofSeconds(90));

            // then the operation fails with the reason and the previous revision keeps serving
            assertEquals("RUNNING", after.path("Status").asText());
            JsonNode failed = lastOperation(arn);
            assertEquals("FAILED", failed.path("Status").asText());
            assertTrue(failed.path("StatusMessage").asText().contains(missing), failed.toString());
            assertTrue(greeting(url).contains("GREETING=third"), greeting(url));
            assertEquals(Platform.HELLO_IMAGE, after.path("SourceConfiguration").path("ImageRepository")
                    .path("ImageIdentifier").asText(), "the configuration stays the one that serves");

            // and a new deployment of the same source goes live too
            String op = AwsCli.ok("start-deployment", "--service-arn", arn).path("OperationId").asText();
            assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(90)).path("Status").asText());
            assertEquals(op, lastOperation(arn).path("Id").asText());
            assertEquals("SUCCEEDED", lastOperation(arn).path("Status").asText());

            load.close();
            assertEquals(List.of(), load.failures(), "no request failed during the rollouts");
            assertTrue(load.succeeded() > 50, "the load ran: " + load.succeeded() + " requests");
            System.out.printf("%d requests through 4 rollouts, 0 failed%n", load.succeeded());
        }

        // and the replaced revisions are gone
        Platform.eventually("old revisions to be retired", Duration.ofSeconds(20),
                () -> Platform.containersOf(arn).size() == 1 ? true : null);
        Services.deleteAndWait(arn);
    }

    @Test
    void shouldPauseResumeAndRefuseWhatTheStateDoesNotAllow() {
        JsonNode service = Services.create(Platform.uniqueName("pause"), Platform.HELLO_IMAGE).path("Service");
        String arn = service.path("ServiceArn").asText();
        String url = service.path("ServiceUrl").asText();
        assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(90)).path("Status").asText());
        AwsCli.fails("InvalidStateException", "resume-service", "--service-arn", arn);

        // when paused: no instances, and the router says so
        AwsCli.ok("pause-service", "--service-arn", arn);
        assertEquals("PAUSED", Services.settle(arn, Duration.ofSeconds(60)).path("Status").asText());
        assertEquals(List.of(), Platform.containersOf(arn));
        var paused = Platform.eventually("a 503 while paused", Duration.ofSeconds(10), () -> {
            var r = Services.viaRouter(url, "/");
            return r.statusCode() == 503 ? r.asString() : null;
        });
        assertTrue(paused.toLowerCase().contains("paused"), paused);
        assertTrue(AwsCli.fails("InvalidStateException", "pause-service", "--service-arn", arn).contains("PAUSED"));
        AwsCli.fails("InvalidStateException", "start-deployment", "--service-arn", arn);

        // when resumed: the same URL serves again
        AwsCli.ok("resume-service", "--service-arn", arn);
        assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(90)).path("Status").asText());
        Platform.eventually("a 200 after resume", Duration.ofSeconds(10),
                () -> Services.viaRouter(url, "/").statusCode() == 200 ? true : null);
        assertEquals("RESUME_SERVICE", lastOperation(arn).path("Type").asText());

        Services.deleteAndWait(arn);
        assertEquals(List.of(), Platform.containersOf(arn));
    }
}
