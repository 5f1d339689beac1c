package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * App Runner's logs through the CloudWatch Logs API (`aws logs`) and `./runway logs`: what the
 * example app writes (busybox httpd -vv logs each request, its CGI script a line to stderr) is in
 * the application group's instance stream, the service's lifecycle in the service group's events
 * stream; bad inputs get CloudWatch Logs' error types. (A failed build's output in its deployment
 * stream is checked by SourceBadInputTest.)
 */
class LogsTest {

    @Test
    void shouldServeTheExampleAppsOutputAndTheServiceEventsThroughTheLogsApi() throws Exception {
        // given the example service, called on a path that says which request it was
        String name = Platform.uniqueName("logs");
        JsonNode response = Services.create(name, Platform.HELLO_IMAGE);
        JsonNode created = response.path("Service");
        String operation = response.path("OperationId").asText();
        String arn = created.path("ServiceArn").asText();
        String url = created.path("ServiceUrl").asText();
        assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(90)).path("Status").asText());
        String marker = "logs-test-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(404, Services.viaRouter(url, "/" + marker).statusCode());
        assertEquals(200, Services.viaRouter(url, "/cgi-bin/env").statusCode());
        String serviceId = created.path("ServiceId").asText();
        String application = "/aws/apprunner/" + name + "/" + serviceId + "/application";
        String serviceGroup = "/aws/apprunner/" + name + "/" + serviceId + "/service";

        // then both log groups exist under App Runner's names
        JsonNode groups = Platform.eventually("both log groups", Duration.ofSeconds(20), () -> {
            JsonNode g = logs("describe-log-groups", "--log-group-name-prefix", "/aws/apprunner/" + name + "/");
            return g.path("logGroups").size() == 2 ? g : null;
        });
        assertEquals(application, groups.path("logGroups").get(0).path("logGroupName").asText());
        assertEquals(serviceGroup, groups.path("logGroups").get(1).path("logGroupName").asText());
        assertTrue(groups.path("logGroups").get(0).path("arn").asText().contains(":log-group:" + application));

        // and the instance's stream holds what the app wrote, in order
        JsonNode streams = logs("describe-log-streams", "--log-group-name", application);
        assertEquals(1, streams.path("logStreams").size(), streams.toString());
        String stream = streams.path("logStreams").get(0).path("logStreamName").asText();
        assertTrue(stream.startsWith("instance/"), stream);
        JsonNode page = Platform.eventually("the app's output", Duration.ofSeconds(20), () -> {
            JsonNode p = logs("get-log-events", "--log-group-name", application, "--log-stream-name", stream,
                    "--start-from-head");
            return messages(p).stream().anyMatch(m -> m.contains("env: answered GET /cgi-bin/env")) ? p : null;
        });
        List<String> lines = messages(page);
        int urlLine = indexOf(lines, "url:/" + marker);
        assertTrue(urlLine >= 0, "busybox logged the request: " + lines);
        assertTrue(indexOf(lines, "env: answered GET /cgi-bin/env") > urlLine, "in the order written: " + lines);
        assertTrue(page.path("events").get(0).path("timestamp").asLong() > 0);

        // and paging forward from the end finds nothing new and hands back the same token
        String forward = page.path("nextForwardToken").asText();
        JsonNode next = logs("get-log-events", "--log-group-name", application, "--log-stream-name", stream,
                "--next-token", forward);
        assertEquals(0, next.path("events").size(), next.toString());
        assertEquals(forward, next.path("nextForwardToken").asText());

        // and a filter pattern finds the request among all streams of the group
        JsonNode found = logs("filter-log-events", "--log-group-name", application, "--filter-pattern",
                "\"url:/" + marker + "\"");
        assertEquals(1, found.path("events").size(), found.toString());
        assertEquals(stream, found.path("events").get(0).path("logStreamName").asText());
        JsonNode none = logs("filter-log-events", "--log-group-name", application, "--filter-pattern",
                marker + " -url");
        assertEquals(0, none.path("events").size(), none.toString());

        // and the service's events stream tells its lifecycle
        JsonNode events = Platform.eventually("the events stream", Duration.ofSeconds(20), () -> {
            JsonNode p = logs("get-log-events", "--log-group-name", serviceGroup, "--log-stream-name", "events",
                    "--start-from-head");
            return messages(p).stream().anyMatch(m -> m.contains("Service status is set to RUNNING.")) ? p : null;
        });
        assertTrue(messages(events).get(0).startsWith("[AppRunner] "), messages(events).toString());

        // and the first deployment's stream tells how the deploy-worker rolled the image out
        String deployment = "deployment/" + operation.replace("-", "");
        JsonNode rollout = Platform.eventually("the deployment stream", Duration.ofSeconds(20), () -> {
            JsonNode p = logs("get-log-events", "--log-group-name", serviceGroup, "--log-stream-name", deployment,
                    "--start-from-head");
            String done = "\\[AppRunner\\] Revision \\d+ deployed: 1 instance\\(s\\) healthy\\.";
            return messages(p).stream().anyMatch(m -> m.matches(done)) ? p : null;
        });
        List<String> steps = messages(rollout);
        assertTrue(steps.get(0).startsWith("[AppRunner] Deploying revision "), steps.toString());
        assertTrue(steps.stream().anyMatch(m -> m.matches(
                "\\[AppRunner\\] Instance [0-9a-f]{8} passed \\d+ [A-Z]+ health check\\(s\\) on port \\d+\\.")), steps.toString());

        // and ./runway logs shows the same
        String printed = Platform.runway("logs", name);
        assertTrue(printed.contains(stream + " ") && printed.contains("url:/" + marker), printed);
        assertTrue(printed.contains("events [AppRunner] Service status is set to RUNNING."), printed);
        String onlyEvents = Platform.runway("logs", name, "--events");
        assertTrue(!onlyEvents.contains(marker) && onlyEvents.contains("RUNNING"), onlyEvents);

        // and ./runway logs --follow prints a request made after it started
        java.nio.file.Path followed = java.nio.file.Files.createTempFile("runway-logs-follow", ".txt");
        Process follow = new ProcessBuilder(Platform.ROOT.resolve("runway").toString(), "logs", name, "--follow",
                "--application").redirectErrorStream(true).redirectOutput(followed.toFile()).start();
        try {
            Platform.sleep(2_000);
            assertEquals(404, Services.viaRouter(url, "/followed-" + marker).statusCode());
            Platform.eventually("--follow to print the new request", Duration.ofSeconds(15), () -> {
                try {
                    return java.nio.file.Files.readString(followed).contains("url:/followed-" + marker) ? true : null;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } finally {
            follow.destroy();
            java.nio.file.Files.deleteIfExists(followed);
        }

        // bad inputs: CloudWatch Logs' error types with a message that says what to fix
        AwsCli.failsOn("ResourceNotFoundException", "logs", "describe-log-streams", "--log-group-name",
                "/aws/apprunner/no-such/service");
        AwsCli.failsOn("ResourceNotFoundException", "logs", "get-log-events", "--log-group-name", application,
                "--log-stream-name", "instance/nope");
        assertTrue(AwsCli.failsOn("InvalidParameterException", "logs", "describe-log-groups", "--limit", "51")
                .contains("between 1 and 50"));
        AwsCli.failsOn("InvalidParameterException", "logs", "get-log-events", "--log-group-name", application,
                "--log-stream-name", stream, "--next-token", "not-a-token");
        assertTrue(AwsCli.failsOn("InvalidParameterException", "logs", "filter-log-events", "--log-group-name",
                application, "--filter-pattern", "{ $.level = \"error\" }").contains("not supported"));
        AwsCli.failsOn("InvalidParameterException", "logs", "filter-log-events", "--log-group-name", application,
                "--log-stream-names", stream, "--log-stream-name-prefix", "instance/");
        AwsCli.failsOn("InvalidParameterException", "logs", "describe-log-streams", "--log-group-name", application,
                "--order-by", "LastEventTime", "--log-stream-name-prefix", "instance/");

        Services.deleteAndWait(arn);
    }

    private static JsonNode logs(String... args) {
        return AwsCli.okOn("logs", args);
    }

    private static List<String> messages(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("events").forEach(e -> out.add(e.path("message").asText()));
        return out;
    }

    private static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }
}
