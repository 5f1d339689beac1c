package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An image-based service from create-service to a served URL and back to nothing, with the real aws CLI. */
class WalkingSkeletonTest {

    @Test
    void shouldServeAnImageFromCreateToDelete() {
        String name = Platform.uniqueName("skeleton");

        // when the user creates a service from an image in the platform registry
        JsonNode created = Services.create(name, Platform.HELLO_IMAGE);

        // then the answer comes at once, with an operation in progress
        JsonNode service = created.path("Service");
        String arn = service.path("ServiceArn").asText();
        assertEquals("OPERATION_IN_PROGRESS", service.path("Status").asText());
        assertTrue(created.path("OperationId").asText().matches("[0-9a-f-]{36}"), created.toString());
        assertTrue(arn.matches("arn:aws:apprunner:[a-z0-9-]+:\\d{12}:service/" + name + "/[0-9a-f]{32}"), arn);

        // and the service reaches RUNNING and serves the app's body through the router
        assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(90)).path("Status").asText());
        String url = service.path("ServiceUrl").asText();
        String body = Platform.eventually("the router to serve " + url, Duration.ofSeconds(10), () -> {
            var r = Services.viaRouter(url, "/");
            return r.statusCode() == 200 ? r.asString() : null;
        });
        assertTrue(body.contains("Hello from Runway"), body);
        assertTrue(Services.viaRouter(url, "/cgi-bin/env").asString().contains("GREETING=hi from e2e"),
                "environment variables reach the instance");

        // and list-services and list-operations show it
        List<String> listed = new ArrayList<>();
        AwsCli.ok("list-services").path("ServiceSummaryList").forEach(s -> listed.add(s.path("ServiceArn").asText()));
        assertTrue(listed.contains(arn), "list-services shows " + arn);
        JsonNode operations = AwsCli.ok("list-operations", "--service-arn", arn).path("OperationSummaryList");
        assertEquals("CREATE_SERVICE", operations.get(0).path("Type").asText());
        assertEquals("SUCCEEDED", operations.get(0).path("Status").asText());
        assertEquals(created.path("OperationId").asText(), operations.get(0).path("Id").asText());

        // when the user deletes it
        JsonNode deleting = AwsCli.ok("delete-service", "--service-arn", arn);
        assertEquals("OPERATION_IN_PROGRESS", deleting.path("Service").path("Status").asText());

        // then it ends DELETED, its containers are gone and the router answers 404
        assertEquals("DELETED", Services.settle(arn, Duration.ofSeconds(60)).path("Status").asText());
        assertEquals(List.of(), Platform.containersOf(arn));
        Platform.eventually("the router to forget " + url, Duration.ofSeconds(10),
                () -> Services.viaRouter(url, "/").statusCode() == 404 ? true : null);
        assertTrue(Services.viaRouter(url, "/").asString().contains("No Runway service"));
        JsonNode afterDelete = AwsCli.ok("list-services").path("ServiceSummaryList");
        afterDelete.forEach(s -> assertTrue(!s.path("ServiceArn").asText().equals(arn), "deleted service not listed"));
        JsonNode ops = AwsCli.ok("list-operations", "--service-arn", arn).path("OperationSummaryList");
        assertEquals("DELETE_SERVICE", ops.get(0).path("Type").asText());
        assertEquals("SUCCEEDED", ops.get(0).path("Status").asText());
    }

    @Test
    void shouldEndCreateFailedWhenTheImageDoesNotExistAndAffectNothingElse() {
        // given a running service
        JsonNode healthy = Services.create(Platform.uniqueName("bystander"), Platform.HELLO_IMAGE).path("Service");
        String healthyArn = healthy.path("ServiceArn").asText();
        assertEquals("RUNNING", Services.settle(healthyArn, Duration.ofSeconds(90)).path("Status").asText());

        // when a service is created from an image nobody pushed
        String missing = Platform.IMAGE_REGISTRY + "/no-such-image-" + Platform.uniqueName("x") + ":latest";
        String arn = Services.create(Platform.uniqueName("missing"), missing).path("Service").path("ServiceArn").asText();

        // then it ends CREATE_FAILED, and the reason is in the status message and the operation
        JsonNode failed = Services.settle(arn, Duration.ofSeconds(90));
        assertEquals("CREATE_FAILED", failed.path("Status").asText());
        JsonNode raw = RawApi.call("DescribeService", "{\"ServiceArn\":\"" + arn + "\"}").path("Service");
        assertTrue(raw.path("StatusMessage").asText().contains(missing), raw.toString());
        JsonNode op = RawApi.call("ListOperations", "{\"ServiceArn\":\"" + arn + "\"}").path("OperationSummaryList").get(0);
        assertEquals("FAILED", op.path("Status").asText());
        assertTrue(op.path("StatusMessage").asText().contains(missing), op.toString());
        assertEquals(List.of(), Platform.containersOf(arn), "failed containers are removed");

        // and the other service still serves
        assertEquals("RUNNING", Services.describe(healthyArn).path("Status").asText());
        assertEquals(200, Services.viaRouter(healthy.path("ServiceUrl").asText(), "/").statusCode());

        Services.deleteAndWait(arn);
        Services.deleteAndWait(healthyArn);
    }
}
