package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Node.js and Java examples, auto-deploy by branch polling, and a build-worker killed mid-build. */
class SourceExamplesTest {

    @Test
    void shouldRunTheNodeExampleAndDeployAPushOnItsBranchOnly() {
        // given the Node example in a repository, on a service with AutoDeploymentsEnabled
        Path repo = SourceRepos.fromExample("node");
        JsonNode service = AwsCli.ok("create-service", "--service-name", Platform.uniqueName("node"),
                "--source-configuration", SourceRepos.source(SourceRepos.url(repo), "main", true)).path("Service");
        String arn = service.path("ServiceArn").asText();
        String url = service.path("ServiceUrl").asText();
        assertEquals("RUNNING", Services.settle(arn, SourceBuildTest.FIRST_BUILD).path("Status").asText());
        String body = Platform.eventually("the Node app", Duration.ofSeconds(15),
                () -> Services.viaRouter(url, "/").statusCode() == 200 ? Services.viaRouter(url, "/").asString() : null);
        assertTrue(body.contains("Hello from a Runway Node.js build") && body.contains("built by apprunner.yaml"), body);
        // a managed runtime's app runs as an unprivileged user (issue 18), never as root
        String container = Platform.containersOf(arn).get(0);
        assertEquals("10001", Platform.run(java.util.List.of("docker", "exec", container, "id", "-u"),
                Duration.ofSeconds(30)).strip());

        // when a commit lands on another branch, nothing is deployed
        SourceRepos.git(repo, "checkout", "-q", "-b", "feature");
        SourceRepos.commit(repo, "message.txt", "feature branch text\n", "feature");
        Platform.sleep(15_000); // more than the poll interval
        assertEquals(1, AwsCli.ok("list-operations", "--service-arn", arn).path("OperationSummaryList").size(),
                "a push to another branch starts nothing");

        // when a commit lands on the service's branch, it is deployed without any call
        SourceRepos.git(repo, "checkout", "-q", "main");
        SourceRepos.commit(repo, "message.txt", "pushed to main\n", "main");
        Platform.eventually("the pushed commit to serve", SourceBuildTest.BUILD,
                () -> Services.viaRouter(url, "/").asString().contains("pushed to main") ? true : null);
        JsonNode op = SourceRepos.latestOperation(arn);
        assertEquals("START_DEPLOYMENT", op.path("Type").asText());

        Services.deleteAndWait(arn);
    }

    @Test
    void shouldRunTheJavaExampleAcrossABuildWorkerKilledMidBuild() {
        // given the Java example with a build that takes a while
        Path repo = SourceRepos.fromExample("java");
        SourceRepos.commit(repo, "apprunner.yaml", """
                version: 1.0
                runtime: corretto11
                build:
                  commands:
                    build:
                      - echo slow build starting
                      - sleep 8
                      - mkdir -p out && javac -d out src/Main.java
                run:
                  command: java -Xmx128m -cp out Main
                  env:
                    - name: GREETING
                      value: "Hello from a Runway Java build"
                """, "a slower build");
        JsonNode created = AwsCli.ok("create-service", "--service-name", Platform.uniqueName("java"),
                "--source-configuration", SourceRepos.source(SourceRepos.url(repo), "main", false));
        String arn = created.path("Service").path("ServiceArn").asText();
        String url = created.path("Service").path("ServiceUrl").asText();
        String operation = created.path("OperationId").asText();

        // when the build-worker is killed while the build runs, and started again
        Platform.eventually("the build to start", SourceBuildTest.FIRST_BUILD,
                () -> SourceRepos.deploymentLog(operation).contains("slow build starting") ? true : null);
        Platform.runway("stop", "--kill", "build-worker");
        Platform.runway("start", "build-worker");

        // then the build is done again from the start and the service runs
        JsonNode settled = Services.settle(arn, SourceBuildTest.FIRST_BUILD);
        assertEquals("RUNNING", settled.path("Status").asText(), settled.toString());
        String log = SourceRepos.deploymentLog(operation);
        assertTrue(log.indexOf("building revision 1") != log.lastIndexOf("building revision 1"),
                "the build ran again after the restart:\n" + log);
        assertTrue(log.contains("OpenJDK 17"), "the log says which Java runs corretto11:\n" + log);
        String body = Platform.eventually("the Java app", Duration.ofSeconds(15),
                () -> Services.viaRouter(url, "/").statusCode() == 200 ? Services.viaRouter(url, "/").asString() : null);
        assertTrue(body.contains("Hello from a Runway Java build"), body);

        Services.deleteAndWait(arn);
    }
}
