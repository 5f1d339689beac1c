package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bad source input ends every deployment with a reason a user can act on (in the operation, the
 * service's status message and the deployment log), and the previous revision keeps serving.
 */
class SourceBadInputTest {

    static final String GOOD_YAML = """
            version: 1.0
            runtime: python311
            build:
              commands:
                build:
                  - echo building
            run:
              command: python3 server.py
            """;

    @Test
    void shouldRefuseARuntimeThatIsNotOfferedAtCreate() {
        String source = "{\"CodeRepository\":{\"RepositoryUrl\":\"file:///tmp/none\",\"SourceCodeVersion\":{\"Type\":"
                + "\"BRANCH\",\"Value\":\"main\"},\"CodeConfiguration\":{\"ConfigurationSource\":\"API\","
                + "\"CodeConfigurationValues\":{\"Runtime\":\"NODEJS_22\",\"StartCommand\":\"node s.js\"}}}}";
        String err = AwsCli.fails("InvalidRequestException", "create-service", "--service-name",
                Platform.uniqueName("rt"), "--source-configuration", source);
        assertTrue(err.contains("NODEJS_22") && err.contains("PYTHON_311"), err);
    }

    @Test
    void shouldFailEachBadDeploymentWithItsReasonWhileThePreviousRevisionServes() {
        Path repo = SourceRepos.fromExample("python");
        String url = SourceRepos.url(repo);
        JsonNode service = AwsCli.ok("create-service", "--service-name", Platform.uniqueName("pybad"),
                "--source-configuration", SourceRepos.source(url, "main", false)).path("Service");
        String arn = service.path("ServiceArn").asText();
        String serviceUrl = service.path("ServiceUrl").asText();
        assertEquals("RUNNING", Services.settle(arn, SourceBuildTest.FIRST_BUILD).path("Status").asText());

        // invalid YAML, an unknown key, an unknown runtime, a failing build command, a start command that exits
        commitYaml(repo, "version: 1.0\nruntime: [python311\n");
        deployFails(arn, serviceUrl, null, "not valid YAML");
        commitYaml(repo, GOOD_YAML.replace("  command: python3", "  comand: python3"));
        deployFails(arn, serviceUrl, null, "unknown key 'run.comand'");
        commitYaml(repo, GOOD_YAML.replace("python311", "python9"));
        deployFails(arn, serviceUrl, null, "runtime 'python9' is not offered");
        commitYaml(repo, GOOD_YAML.replace("echo building", "echo about to fail && exit 3"));
        deployFails(arn, serviceUrl, null, "returned a non-zero code: 3");
        commitYaml(repo, GOOD_YAML.replace("python3 server.py", "python3 -c 'import sys; sys.exit(4)'"));
        deployFails(arn, serviceUrl, null, "exited with code 4");
        // a build step has no network: not even the platform's loopback ports (issue 18)
        commitYaml(repo, GOOD_YAML.replace("echo building", "python3 -c \"import urllib.request; urllib.request"
                + ".urlopen('http://127.0.0.1:" + Platform.env("RUNWAY_SERVICE_REGISTRY_PORT") + "/q/health/ready',"
                + " timeout=3)\""));
        deployFails(arn, serviceUrl, null, "returned a non-zero code: 1");

        // links that lead out of the repository (issue 18): a configuration file, a file in the build
        // context, a source directory; each refused, and nothing of the host's file read
        commitLink(repo, "apprunner.yaml", "/etc/passwd");
        String log = deployFails(arn, serviceUrl, null, "apprunner.yaml is a link to /etc/passwd, outside the repository");
        assertFalse(log.contains("root:x:0:0"), log);
        removeLink(repo, "apprunner.yaml");
        commitYaml(repo, GOOD_YAML);
        commitLink(repo, "passwd", "/etc/passwd");
        deployFails(arn, serviceUrl, null, "passwd is a link to /etc/passwd, outside the repository");
        removeLink(repo, "passwd");
        commitLink(repo, "root", "/");
        deployFails(arn, serviceUrl, SourceRepos.source(url, "main", false).replace("\"CodeConfiguration\"",
                "\"SourceDirectory\":\"root\",\"CodeConfiguration\""), "Source directory /root is a link to /");

        // repository URLs that are not anybody's to read: outside RUNWAY_GIT_FILE_ROOT, the platform's own port
        deployFails(arn, serviceUrl, SourceRepos.source("file:///var/lib/runway", "main", false),
                "file:// repositories must be under");
        deployFails(arn, serviceUrl, SourceRepos.source("http://127.0.0.1:" + Platform.env("RUNWAY_SERVICE_REGISTRY_PORT")
                + "/internal/access-keys", "main", false), "Runway's own endpoints");

        // a branch that does not exist, a repository that cannot be reached
        deployFails(arn, serviceUrl, SourceRepos.source(url, "no-such-branch", false),
                "Branch 'no-such-branch' does not exist");
        deployFails(arn, serviceUrl, SourceRepos.source("file:///nonexistent/runway-repo", "main", false),
                "file:///nonexistent/runway-repo");

        Services.deleteAndWait(arn);
    }

    private static void commitYaml(Path repo, String yaml) {
        SourceRepos.commit(repo, "apprunner.yaml", yaml, "apprunner.yaml change");
    }

    /** Replaces {@code name} by a symbolic link to {@code target} and commits it. */
    private static void commitLink(Path repo, String name, String target) {
        removeLink(repo, name);
        Platform.run(List.of("ln", "-s", target, repo.resolve(name).toString()), Duration.ofSeconds(10));
        SourceRepos.commitAll(repo, "a link to " + target);
    }

    /** Removes {@code name} (the link itself, never what it leads to). */
    private static void removeLink(Path repo, String name) {
        try {
            Files.deleteIfExists(repo.resolve(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Starts a deployment (or an update to {@code newSource}), checks where its reason shows; the deployment log. */
    private static String deployFails(String arn, String serviceUrl, String newSource, String reason) {
        String operation = newSource == null
                ? AwsCli.ok("start-deployment", "--service-arn", arn).path("OperationId").asText()
                : AwsCli.ok("update-service", "--service-arn", arn, "--source-configuration", newSource)
                        .path("OperationId").asText();
        assertEquals("RUNNING", Services.settle(arn, SourceBuildTest.BUILD).path("Status").asText(),
                "the service stays RUNNING on its revision");
        // StatusMessage is Runway's addition: the CLI drops members its model lacks, the raw protocol shows it
        JsonNode settled = RawApi.call("DescribeService", "{\"ServiceArn\":\"" + arn + "\"}").path("Service");
        assertTrue(settled.path("StatusMessage").asText().contains(reason),
                "status message should contain '" + reason + "': " + settled.path("StatusMessage"));
        JsonNode op = RawApi.call("ListOperations", "{\"ServiceArn\":\"" + arn + "\"}").path("OperationSummaryList")
                .get(0);
        assertEquals(operation, op.path("Id").asText());
        assertEquals("FAILED", op.path("Status").asText());
        assertTrue(op.path("StatusMessage").asText().contains(reason), op.toString());
        String log = Platform.eventually("the deployment log to say why", Duration.ofSeconds(15), () -> {
            String l = SourceRepos.deploymentLog(operation);
            return l.contains(reason) ? l : null;
        });
        assertTrue(log.contains("[AppRunner]"), log);
        // the same deployment log through the CloudWatch Logs API, in App Runner's group and stream
        String[] nameAndId = arn.substring(arn.indexOf(":service/") + ":service/".length()).split("/");
        String group = "/aws/apprunner/" + nameAndId[0] + "/" + nameAndId[1] + "/service";
        String stream = "deployment/" + operation.replace("-", "");
        String viaApi = Platform.eventually("aws logs get-log-events to show why", Duration.ofSeconds(15), () -> {
            AwsCli.Result r = AwsCli.run("logs", "get-log-events", "--log-group-name", group, "--log-stream-name",
                    stream, "--start-from-head");
            return r.exitCode() == 0 && r.stdout().contains(reason) ? r.stdout() : null;
        });
        if (reason.contains("non-zero code: 3")) {
            assertTrue(viaApi.contains("[Build] about to fail"), "the failing build's own output: " + viaApi);
        }
        assertTrue(Services.viaRouter(serviceUrl, "/").asString().contains("first version"),
                "the previous revision still serves");
        return log;
    }
}
