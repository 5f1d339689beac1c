package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Secrets by reference (docs/secrets.md), with the real aws CLI: an SSM SecureString parameter and
 * a JSON Secrets Manager secret reach an image service's and a code service's environment through
 * RuntimeEnvironmentSecrets and apprunner.yaml {@code run.secrets}; DescribeService shows only the
 * references; a reference that does not resolve fails the deployment and names the variable and
 * the reference; a changed secret takes effect at the next deployment; bad input gets AWS's error
 * shapes; and no value is found on any Kafka topic, in any table or in the platform's logs.
 *
 * <p>The tests run in order and share the parameter, the secret and the image service.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretsTest {

    static final Duration DEPLOY = Duration.ofSeconds(120);
    /**
     * The example image's {@code /cgi-bin/env} shows GREETING and PORT only: this start command
     * serves a {@code /cgi-bin/env} that prints the whole environment (the values are fakes made for
     * this run, and printing them is what the test needs).
     */
    static final String PRINT_ENV = "mkdir -p /tmp/w/cgi-bin && cd /tmp/w/cgi-bin && echo '#!/bin/sh' > env"
            + " && echo 'printf \"Content-Type: text/plain\\r\\n\\r\\n\"; env' >> env && chmod +x env"
            + " && exec busybox httpd -f -p 127.0.0.1:$PORT -h /tmp/w";
    /** What the Python example prints first; the test's copy prints the variables SHOW_ENV names instead. */
    static final String PYTHON_GREETING = "os.environ.get(\"GREETING\", \"Hello\")";
    static final String PYTHON_SHOW_ENV = "\"\\n\".join(n + \"=\" + os.environ.get(n, \"?\")"
            + " for n in os.environ.get(\"SHOW_ENV\", \"GREETING\").split(\",\"))";
    static final String MISSING = "/no/such/parameter";

    static final String RUN = Platform.uniqueName("secrets");
    static final String PARAMETER_NAME = "/e2e/" + RUN + "/db-password";
    static final String SECRET_NAME = "e2e/" + RUN + "/api";
    // values unique to this run, and in no name, so that finding one anywhere means it leaked
    static final String PARAMETER_VALUE = Platform.uniqueName("dbpass-value");
    static final String USER = Platform.uniqueName("user-value");
    static final String PASSWORD = Platform.uniqueName("password-value");
    static final String ROTATED_PASSWORD = Platform.uniqueName("rotated-value");
    static final String SECRET_STRING = secretString(USER, PASSWORD);
    static final String ROTATED_SECRET_STRING = secretString(USER, ROTATED_PASSWORD);

    static String secretArn;
    static Map<String, String> references;
    static String imageArn;
    static String imageUrl;
    static final List<String> services = new ArrayList<>();
    static Path repo;

    @BeforeAll
    static void aParameterAndASecret() {
        // given a SecureString parameter
        JsonNode put = AwsCli.okOn("ssm", "put-parameter", "--name", PARAMETER_NAME, "--type", "SecureString",
                "--value", PARAMETER_VALUE);
        assertEquals(1, put.path("Version").asInt(), put.toString());
        // and a Secrets Manager secret holding JSON
        JsonNode created = AwsCli.okOn("secretsmanager", "create-secret", "--name", SECRET_NAME, "--secret-string",
                SECRET_STRING);
        secretArn = created.path("ARN").asText();
        assertTrue(secretArn.matches("arn:aws:secretsmanager:[a-z0-9-]+:\\d{12}:secret:" + SECRET_NAME
                + "-[A-Za-z0-9]{6}"), created.toString());
        // referred to by name, by ARN, and one JSON key of it by ARN
        references = Map.of(
                "DB_PASSWORD", PARAMETER_NAME,
                "API_SECRET", secretArn,
                "API_PASSWORD", secretArn + ":password::");
    }

    @AfterAll
    static void deleteEverythingItMade() {
        for (String arn : services) {
            quietly("delete service " + arn, () -> Services.deleteAndWait(arn));
        }
        quietly("delete the parameter", () -> AwsCli.okOn("ssm", "delete-parameter", "--name", PARAMETER_NAME));
        if (secretArn != null) {
            quietly("delete the secret", () -> AwsCli.okOn("secretsmanager", "delete-secret", "--secret-id", secretArn,
                    "--force-delete-without-recovery"));
        }
        if (repo != null) {
            quietly("delete the repository", () -> deleteTree(repo));
        }
        AwsCli.failsOn("ParameterNotFound", "ssm", "get-parameter", "--name", PARAMETER_NAME);
        if (secretArn != null) {
            AwsCli.failsOn("ResourceNotFoundException", "secretsmanager", "describe-secret", "--secret-id", secretArn);
        }
    }

    @Test
    @Order(1)
    void anImageServiceGetsTheValuesAndDescribeServiceShowsOnlyTheReferences() {
        // when an image service takes the three references
        String name = Platform.uniqueName("secrets-image");
        JsonNode created = AwsCli.ok("create-service", "--service-name", name, "--source-configuration",
                imageSource(references)).path("Service");
        String arn = created.path("ServiceArn").asText();
        services.add(arn);
        assertEquals("RUNNING", Services.settle(arn, DEPLOY).path("Status").asText());
        imageArn = arn;
        imageUrl = created.path("ServiceUrl").asText();

        // then its instances have the values
        List<String> env = served(imageUrl, "/cgi-bin/env");
        assertTrue(env.contains("DB_PASSWORD=" + PARAMETER_VALUE), "the parameter's value");
        assertTrue(env.contains("API_SECRET=" + SECRET_STRING), "the whole secret");
        assertTrue(env.contains("API_PASSWORD=" + PASSWORD), "the secret's JSON key password");

        // and DescribeService shows the references, no value
        JsonNode described = Services.describe(arn);
        assertEquals(AwsCli.JSON.valueToTree(references), described.path("SourceConfiguration")
                .path("ImageRepository").path("ImageConfiguration").path("RuntimeEnvironmentSecrets"));
        assertNoValueIn("DescribeService", described.toString());
        assertNoValueIn("DescribeService (with Runway's members)",
                RawApi.call("DescribeService", "{\"ServiceArn\":\"" + arn + "\"}").toString());
        assertNoValueIn("ListOperations", AwsCli.ok("list-operations", "--service-arn", arn).toString());
    }

    @Test
    @Order(2)
    void aCodeServiceGetsTheValuesThroughApprunnerYaml() throws IOException {
        // given the Python example, changed to print the variables SHOW_ENV names, with run.secrets
        repo = SourceRepos.fromExample("python");
        String server = Files.readString(repo.resolve("server.py"));
        assertTrue(server.contains(PYTHON_GREETING), "the Python example prints its greeting with " + PYTHON_GREETING);
        SourceRepos.commit(repo, "server.py", server.replace(PYTHON_GREETING, PYTHON_SHOW_ENV),
                "print the variables SHOW_ENV names");
        SourceRepos.commit(repo, "apprunner.yaml", """
                version: 1.0
                runtime: python311
                build:
                  commands:
                    build:
                      - python3 -m compileall -q .
                run:
                  command: python3 server.py
                  network:
                    port: 8080
                  env:
                    - name: SHOW_ENV
                      value: "DB_PASSWORD,API_SECRET,API_PASSWORD"
                  secrets:
                    - name: DB_PASSWORD
                      value-from: "%s"
                    - name: API_SECRET
                      value-from: "%s"
                    - name: API_PASSWORD
                      value-from: "%s"
                """.formatted(references.get("DB_PASSWORD"), references.get("API_SECRET"),
                references.get("API_PASSWORD")), "secrets by reference");

        // when a service builds and runs it
        JsonNode created = AwsCli.ok("create-service", "--service-name", Platform.uniqueName("secrets-code"),
                "--source-configuration", SourceRepos.source(SourceRepos.url(repo), "main", false)).path("Service");
        String arn = created.path("ServiceArn").asText();
        services.add(arn);
        JsonNode settled = Services.settle(arn, SourceBuildTest.FIRST_BUILD);
        assertEquals("RUNNING", settled.path("Status").asText(), settled.toString());

        // then the app serves the three values
        List<String> body = served(created.path("ServiceUrl").asText(), "/");
        assertTrue(body.contains("DB_PASSWORD=" + PARAMETER_VALUE), "the parameter's value");
        assertTrue(body.contains("API_SECRET=" + SECRET_STRING), "the whole secret");
        assertTrue(body.contains("API_PASSWORD=" + PASSWORD), "the secret's JSON key password");
        // and the API shows no value
        assertNoValueIn("DescribeService", Services.describe(arn).toString());
    }

    @Test
    @Order(3)
    void aChangedSecretIsServedFromTheNextDeploymentWhileTheOldRevisionServesUntilThen() {
        assumeTrue(imageArn != null, "needs the image service of the first test");
        int operationsBefore = AwsCli.ok("list-operations", "--service-arn", imageArn).path("OperationSummaryList")
                .size();

        // when the secret gets a new value
        JsonNode put = AwsCli.okOn("secretsmanager", "put-secret-value", "--secret-id", secretArn, "--secret-string",
                ROTATED_SECRET_STRING);
        assertEquals(secretArn, put.path("ARN").asText(), put.toString());
        assertEquals(ROTATED_SECRET_STRING, AwsCli.okOn("secretsmanager", "get-secret-value", "--secret-id",
                secretArn).path("SecretString").asText());

        // then nothing deploys by itself: the running revision keeps the value it was started with
        Platform.sleep(3_000);
        assertEquals(operationsBefore, AwsCli.ok("list-operations", "--service-arn", imageArn)
                .path("OperationSummaryList").size());
        assertTrue(served(imageUrl, "/cgi-bin/env").contains("API_PASSWORD=" + PASSWORD));

        // when a deployment starts
        AwsCli.ok("start-deployment", "--service-arn", imageArn);

        // then every answer meanwhile comes from the old revision or the new one, never an error
        String oldLine = "API_PASSWORD=" + PASSWORD;
        String newLine = "API_PASSWORD=" + ROTATED_PASSWORD;
        Set<String> seen = new HashSet<>();
        Instant deadline = Instant.now().plus(DEPLOY);
        while (Services.describe(imageArn).path("Status").asText().equals("OPERATION_IN_PROGRESS")) {
            assertTrue(Instant.now().isBefore(deadline), "the deployment did not end within " + DEPLOY);
            Response r = Services.viaRouter(imageUrl, "/cgi-bin/env");
            assertEquals(200, r.statusCode(), "the service answered during its deployment with " + r.statusCode());
            List<String> lines = r.asString().lines().toList();
            assertTrue(lines.contains(oldLine) || lines.contains(newLine), "an instance with neither value answered");
            seen.add(lines.contains(oldLine) ? "old" : "new");
            Platform.sleep(250);
        }
        assertEquals("RUNNING", Services.describe(imageArn).path("Status").asText());
        assertTrue(seen.contains("old") || seen.isEmpty(), "the old revision served while the new one started");

        // and the new revision serves the new value
        Platform.eventually("the new value to be served", Duration.ofSeconds(15), () -> {
            List<String> env = served(imageUrl, "/cgi-bin/env");
            return env.contains(newLine) && env.contains("API_SECRET=" + ROTATED_SECRET_STRING) ? true : null;
        });
    }

    @Test
    @Order(4)
    void aReferenceThatDoesNotResolveFailsTheDeploymentNamingTheVariableAndTheReference() {
        // when a service refers to a parameter that does not exist (beside one that does)
        String name = Platform.uniqueName("secrets-missing");
        JsonNode response = AwsCli.ok("create-service", "--service-name", name, "--source-configuration",
                imageSource(Map.of("DB_PASSWORD", PARAMETER_NAME, "MISSING_SECRET", MISSING)));
        JsonNode created = response.path("Service");
        String arn = created.path("ServiceArn").asText();
        String operation = response.path("OperationId").asText();
        services.add(arn);

        // then the deployment fails, and its reason names the variable and the reference, no value
        assertEquals("CREATE_FAILED", Services.settle(arn, DEPLOY).path("Status").asText());
        String statusMessage = RawApi.call("DescribeService", "{\"ServiceArn\":\"" + arn + "\"}").path("Service")
                .path("StatusMessage").asText();
        assertNamesTheMissingReference("the status message", statusMessage);
        JsonNode op = RawApi.call("ListOperations", "{\"ServiceArn\":\"" + arn + "\"}").path("OperationSummaryList")
                .get(0);
        assertEquals("FAILED", op.path("Status").asText());
        assertNamesTheMissingReference("the operation's status message", op.path("StatusMessage").asText());
        String group = "/aws/apprunner/" + name + "/" + created.path("ServiceId").asText() + "/service";
        String stream = "deployment/" + operation.replace("-", "");
        String log = Platform.eventually("the deployment log to give the reason", Duration.ofSeconds(20), () -> {
            var messages = new StringBuilder();
            AwsCli.okOn("logs", "get-log-events", "--log-group-name", group, "--log-stream-name", stream,
                    "--start-from-head").path("events").forEach(e -> messages.append(e.path("message").asText())
                            .append('\n'));
            return messages.toString().contains(MISSING) ? messages.toString() : null;
        });
        assertNamesTheMissingReference("the deployment log", log);
        assertEquals(List.of(), Platform.containersOf(arn), "nothing of it runs");

        // and the image service still serves
        if (imageArn != null) {
            assertEquals("RUNNING", Services.describe(imageArn).path("Status").asText());
            assertEquals(200, Services.viaRouter(imageUrl, "/cgi-bin/env").statusCode());
        }
    }

    @Test
    @Order(5)
    void badInputGetsAwsErrorShapesAndThePlatformStillWorks() {
        String nowhere = "/e2e/" + RUN + "/nope";
        // unknown names
        AwsCli.failsOn("ParameterNotFound", "ssm", "get-parameter", "--name", nowhere);
        AwsCli.failsOn("ParameterNotFound", "ssm", "delete-parameter", "--name", nowhere);
        AwsCli.failsOn("ParameterVersionNotFound", "ssm", "get-parameter", "--name", PARAMETER_NAME + ":99");
        AwsCli.failsOn("ResourceNotFoundException", "secretsmanager", "get-secret-value", "--secret-id",
                SECRET_NAME + "-nope");
        AwsCli.failsOn("ResourceNotFoundException", "secretsmanager", "describe-secret", "--secret-id",
                SECRET_NAME + "-nope");
        AwsCli.failsOn("ResourceNotFoundException", "secretsmanager", "put-secret-value", "--secret-id",
                SECRET_NAME + "-nope", "--secret-string", "x");
        // a version stage or id the secret does not have
        AwsCli.failsOn("ResourceNotFoundException", "secretsmanager", "get-secret-value", "--secret-id", secretArn,
                "--version-stage", "NOPE");
        AwsCli.failsOn("ResourceNotFoundException", "secretsmanager", "get-secret-value", "--secret-id", secretArn,
                "--version-id", "00000000-0000-0000-0000-000000000000");
        // a wrong type, and values out of range
        AwsCli.failsOn("ValidationException", "ssm", "put-parameter", "--name", "/e2e/" + RUN + "/typed", "--type",
                "Nope", "--value", "x");
        AwsCli.failsOn("InvalidParameterException", "secretsmanager", "delete-secret", "--secret-id", secretArn,
                "--recovery-window-in-days", "3");
        // names too long for the model (the CLI checks only minimum lengths, so these reach the platform)
        AwsCli.failsOn("ValidationException", "ssm", "put-parameter", "--name", "/" + "n".repeat(2100), "--type",
                "String", "--value", "x");
        AwsCli.failsOn("ValidationException", "ssm", "get-parameter", "--name", "/" + "n".repeat(2100));
        // Secrets Manager's model has no ValidationException; AWS answers a member out of its model's
        // bounds with InvalidParameterException (Runway does) or its front door's ValidationException
        failsOnAnyOf(List.of("InvalidParameterException", "ValidationException"), "secretsmanager",
                "create-secret", "--name", "n".repeat(600), "--secret-string", "x");
        failsOnAnyOf(List.of("InvalidParameterException", "ValidationException"), "secretsmanager",
                "get-secret-value", "--secret-id", secretArn, "--version-stage", "s".repeat(300));

        // a U+0000 in a name (no command line carries one: signed raw requests)
        String nul = "\\u0000";
        rawFails("AmazonSSM.PutParameter", "{\"Name\":\"/e2e/" + RUN + "/a" + nul + "b\",\"Value\":\"x\","
                + "\"Type\":\"String\"}", "ValidationException");
        rawFails("AmazonSSM.GetParameter", "{\"Name\":\"/e2e/" + RUN + "/a" + nul + "b\"}",
                "ValidationException", "ParameterNotFound");
        // GetParameters lists the names it cannot find, as AWS does, or refuses the name
        Response many = RawApi.post("AmazonSSM.GetParameters", "{\"Names\":[\"" + PARAMETER_NAME + nul + "\"]}",
                RawApi.JSON_11);
        if (many.statusCode() == 200) {
            assertEquals(List.of(PARAMETER_NAME + "\u0000"), many.jsonPath().getList("InvalidParameters"),
                    many.asString());
            assertEquals(List.of(), many.jsonPath().getList("Parameters"), many.asString());
        } else {
            rawFails("AmazonSSM.GetParameters", "{\"Names\":[\"" + PARAMETER_NAME + nul + "\"]}",
                    "ValidationException");
        }
        rawFails("secretsmanager.CreateSecret", "{\"Name\":\"e2e/" + RUN + "/a" + nul + "b\",\"SecretString\":\"x\"}",
                "InvalidParameterException", "ValidationException");
        rawFails("secretsmanager.GetSecretValue", "{\"SecretId\":\"" + SECRET_NAME + nul + "\"}",
                "ResourceNotFoundException", "InvalidParameterException", "ValidationException");
        rawFails("secretsmanager.GetSecretValue", "{\"SecretId\":\"" + secretArn + "\",\"VersionStage\":\"A" + nul
                + "\"}", "ResourceNotFoundException", "InvalidParameterException", "ValidationException");
        // and bodies that are not the operation's input at all
        rawFails("AmazonSSM.PutParameter", "{\"Name\":7,\"Value\":[],\"Type\":{}}", "ValidationException",
                "SerializationException");
        rawFails("secretsmanager.CreateSecret", "{\"Name\":", "SerializationException", "InvalidParameterException",
                "ValidationException");

        // then the platform still works: GetParameter answers, and only WithDecryption shows the value
        assertEquals(PARAMETER_VALUE, AwsCli.okOn("ssm", "get-parameter", "--name", PARAMETER_NAME,
                "--with-decryption").path("Parameter").path("Value").asText());
        assertNotEquals(PARAMETER_VALUE, AwsCli.okOn("ssm", "get-parameter", "--name", PARAMETER_NAME)
                .path("Parameter").path("Value").asText());
        assertTrue(AwsCli.okOn("secretsmanager", "describe-secret", "--secret-id", secretArn).path("DeletedDate")
                .isMissingNode(), "the secret is not scheduled for deletion");
    }

    @Test
    @Order(6)
    void noValueIsOnAnyTopicInAnyTableOrInThePlatformsLogs() {
        // given every value this run made, and the parameter's name, which the platform keeps in the
        // clear, to show that each search reads where it claims to
        var values = new LinkedHashMap<String, String>();
        values.put("the parameter's value", PARAMETER_VALUE);
        values.put("the secret's user", USER);
        values.put("the secret's password", PASSWORD);
        values.put("the secret's new password", ROTATED_PASSWORD);
        String control = "the parameter's name";
        var texts = new LinkedHashMap<>(values);
        texts.put(control, PARAMETER_NAME);

        // when every record of every Kafka topic is read from the beginning
        List<String> kafka = LeakSearch.inKafka(texts);
        // then the name is there, and no value
        assertTrue(kafka.stream().anyMatch(f -> f.contains(control)), "the search reads the topics");
        assertEquals(List.of(), kafka.stream().filter(f -> !f.contains(control)).toList(), "values on Kafka");

        // when every row of every table is read: the event store, the outbox, the projections,
        // log_events, audit_events
        List<String> database = LeakSearch.inDatabase(texts);
        assertTrue(database.stream().anyMatch(f -> f.contains(control)), "the search reads the tables");
        assertEquals(List.of(), database.stream().filter(f -> !f.contains(control)).toList(),
                "values in PostgreSQL");

        // and the platform's own logs
        assertEquals(List.of(), LeakSearch.inPlatformLogs(values), "values in the platform's logs");
    }

    // ---- helpers ----

    static String secretString(String user, String password) {
        return "{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}";
    }

    /** An image service of the example image, printing its environment, taking these secrets. */
    static String imageSource(Map<String, String> secrets) {
        ObjectNode source = AwsCli.JSON.createObjectNode();
        ObjectNode image = source.putObject("ImageRepository");
        image.put("ImageIdentifier", Platform.HELLO_IMAGE).put("ImageRepositoryType", "ECR");
        ObjectNode config = image.putObject("ImageConfiguration");
        config.put("Port", "8080").put("StartCommand", PRINT_ENV);
        config.set("RuntimeEnvironmentSecrets", AwsCli.JSON.valueToTree(secrets));
        source.put("AutoDeploymentsEnabled", false);
        return source.toString();
    }

    /** The lines a service answers {@code path} with, once it answers 200. */
    static List<String> served(String serviceUrl, String path) {
        return Platform.eventually(serviceUrl + path + " to answer", Duration.ofSeconds(15), () -> {
            Response r = Services.viaRouter(serviceUrl, path);
            return r.statusCode() == 200 ? r.asString().lines().toList() : null;
        });
    }

    static void assertNoValueIn(String where, String text) {
        for (String value : List.of(PARAMETER_VALUE, USER, PASSWORD, ROTATED_PASSWORD)) {
            assertFalse(text.contains(value), where + " shows a secret value");
        }
    }

    static void assertNamesTheMissingReference(String where, String text) {
        assertTrue(text.contains("MISSING_SECRET") && text.contains(MISSING),
                where + " names the variable and the reference: " + text);
        assertNoValueIn(where, text);
    }

    /** {@code aws <service> <args>} that must fail with one of {@code errorTypes} (never a 5xx). */
    static void failsOnAnyOf(List<String> errorTypes, String service, String... args) {
        AwsCli.Result r = AwsCli.run(service, args);
        assertEquals(255, r.exitCode(), "expected a failure, got: " + r.stdout() + r.stderr());
        if (errorTypes.stream().noneMatch(type -> r.stderr().contains("(" + type + ")"))) {
            fail("expected one of " + errorTypes + " but the CLI printed: " + r.stderr());
        }
    }

    /** A signed raw JSON 1.1 request that must be answered 400 with one of {@code errorTypes}, and why. */
    static void rawFails(String target, String body, String... errorTypes) {
        Response r = RawApi.post(target, body, RawApi.JSON_11);
        String answer = r.asString();
        assertEquals(400, r.statusCode(), target + " " + body + ": " + answer);
        String type = r.jsonPath().getString("__type");
        assertTrue(type != null && Stream.of(errorTypes).anyMatch(t -> type.equals(t) || type.endsWith("#" + t)),
                target + " answered " + type + ", expected one of " + List.of(errorTypes) + ": " + answer);
        assertTrue(r.jsonPath().getString("message") != null || r.jsonPath().getString("Message") != null,
                target + " says why: " + answer);
    }

    private static void quietly(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | AssertionError e) {
            System.err.println("SecretsTest cleanup: could not " + what + ": " + e.getMessage());
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
