package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A service built from a git repository with apprunner.yaml, with the real aws CLI. */
class SourceBuildTest {

    /** The first build on a machine may have to build the runtime image too. */
    static final Duration FIRST_BUILD = Duration.ofMinutes(6);
    static final Duration BUILD = Duration.ofMinutes(3);

    @Test
    void shouldBuildThePythonExampleAndDeployANewCommit() {
        // given a local git repository with the Python example
        Path repo = SourceRepos.fromExample("python");

        // when the user creates a service from it
        JsonNode created = AwsCli.ok("create-service", "--service-name", Platform.uniqueName("py"),
                "--source-configuration", SourceRepos.source(SourceRepos.url(repo), "main", false));
        JsonNode service = created.path("Service");
        String arn = service.path("ServiceArn").asText();
        String url = service.path("ServiceUrl").asText();
        assertEquals("OPERATION_IN_PROGRESS", service.path("Status").asText());
        assertEquals(SourceRepos.url(repo), service.path("SourceConfiguration").path("CodeRepository")
                .path("RepositoryUrl").asText());

        // then it is built and runs, and the URL answers with the app
        JsonNode settled = Services.settle(arn, FIRST_BUILD);
        assertEquals("RUNNING", settled.path("Status").asText(), settled.toString());
        String body = Platform.eventually("the Python app to answer", Duration.ofSeconds(15), () -> {
            var r = Services.viaRouter(url, "/");
            return r.statusCode() == 200 ? r.asString() : null;
        });
        assertTrue(body.contains("Hello from a Runway Python build"), body);
        assertTrue(body.contains("first version"), body);

        // and the deployment log shows the build's own output
        String createLog = SourceRepos.deploymentLog(created.path("OperationId").asText());
        assertTrue(createLog.contains("[Build] compiled"), createLog);
        assertTrue(createLog.contains("[AppRunner] Runtime PYTHON_311"), createLog);
        assertTrue(createLog.contains("standard library is there"), "pre-run runs in the run image:\n" + createLog);

        // when a new commit is pushed and a deployment started
        SourceRepos.commit(repo, "message.txt", "Hello from the Python example, second version.\n", "second");
        String operation = AwsCli.ok("start-deployment", "--service-arn", arn).path("OperationId").asText();

        // then the new revision serves the new commit
        assertEquals("RUNNING", Services.settle(arn, BUILD).path("Status").asText());
        JsonNode op = SourceRepos.latestOperation(arn);
        assertEquals(operation, op.path("Id").asText());
        assertEquals("SUCCEEDED", op.path("Status").asText(), op.toString());
        Platform.eventually("the second commit to serve", Duration.ofSeconds(15),
                () -> Services.viaRouter(url, "/").asString().contains("second version") ? true : null);
        String head = SourceRepos.git(repo, "rev-parse", "HEAD").trim();
        assertTrue(SourceRepos.deploymentLog(operation).contains(head), "the log names the commit built");

        Services.deleteAndWait(arn);
    }
}
