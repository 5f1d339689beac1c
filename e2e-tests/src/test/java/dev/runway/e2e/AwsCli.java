package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real `aws` command, pointed at the platform exactly as a user would point it. */
final class AwsCli {

    static final ObjectMapper JSON = new ObjectMapper();

    /** What one CLI call did. */
    record Result(int exitCode, String stdout, String stderr) {

        JsonNode json() {
            try {
                return JSON.readTree(stdout);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + stdout, e);
            }
        }
    }

    /** Runs {@code aws apprunner <args>} signed with the platform's admin key; any exit code. */
    static Result apprunner(String... args) {
        return runAs(Platform.ACCESS_KEY_ID, Platform.SECRET_ACCESS_KEY, "apprunner", args);
    }

    /** Runs {@code aws apprunner <args>} signed with the given access key; any exit code. */
    static Result apprunnerAs(String accessKeyId, String secretAccessKey, String... args) {
        return runAs(accessKeyId, secretAccessKey, "apprunner", args);
    }

    /** Runs {@code aws <service> <args>} against the gateway (events, cloudtrail, ...) signed with the admin key. */
    static Result run(String service, String... args) {
        return runAs(Platform.ACCESS_KEY_ID, Platform.SECRET_ACCESS_KEY, service, args);
    }

    /** Runs {@code aws <service> <args>} signed with the given access key; any exit code. */
    static Result runAs(String accessKeyId, String secretAccessKey, String service, String... args) {
        List<String> command = new ArrayList<>(List.of("aws", service));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", Platform.GATEWAY, "--region", Platform.REGION, "--output", "json"));
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            Map<String, String> env = pb.environment();
            env.put("AWS_ACCESS_KEY_ID", accessKeyId);
            env.put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
            env.remove("AWS_SESSION_TOKEN");
            env.remove("AWS_PROFILE");
            env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
            env.put("AWS_PAGER", "");
            env.put("AWS_MAX_ATTEMPTS", "1");
            env.put("AWS_RETRY_MODE", "standard");
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("aws " + args[0] + " did not finish");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run the aws CLI", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a call that must succeed and returns its JSON output. */
    static JsonNode ok(String... args) {
        Result r = apprunner(args);
        assertEquals(0, r.exitCode(), "aws apprunner " + String.join(" ", args) + " failed: " + r.stderr());
        return r.json();
    }

    /** {@code aws <service> <args>} that must succeed; its JSON output. */
    static JsonNode okOn(String service, String... args) {
        Result r = run(service, args);
        assertEquals(0, r.exitCode(), "aws " + service + " " + String.join(" ", args) + " failed: " + r.stderr());
        return r.stdout().isBlank() ? JSON.createObjectNode() : r.json();
    }

    /** {@code aws <service> <args>} that must fail with {@code errorType}; what the CLI printed. */
    static String failsOn(String errorType, String service, String... args) {
        Result r = run(service, args);
        assertEquals(255, r.exitCode(), "expected a failure, got: " + r.stdout());
        if (!r.stderr().contains("(" + errorType + ")")) {
            fail("expected " + errorType + " but the CLI printed: " + r.stderr());
        }
        return r.stderr();
    }

    /** Runs a call that must fail with {@code errorType}; returns what the CLI printed. */
    static String fails(String errorType, String... args) {
        Result r = apprunner(args);
        assertEquals(255, r.exitCode(), "expected a failure, got: " + r.stdout());
        if (!r.stderr().contains("(" + errorType + ")")) {
            fail("expected " + errorType + " but the CLI printed: " + r.stderr());
        }
        return r.stderr();
    }

    static String imageSource(String image) {
        return "{\"ImageRepository\":{\"ImageIdentifier\":\"" + image + "\",\"ImageRepositoryType\":\"ECR\","
                + "\"ImageConfiguration\":{\"Port\":\"8080\",\"RuntimeEnvironmentVariables\":{\"GREETING\":\"hi from e2e\"}}},"
                + "\"AutoDeploymentsEnabled\":false}";
    }

    private AwsCli() {
    }
}
