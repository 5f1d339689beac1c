package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The running platform these tests drive, as `./runway test` describes it in the environment
 * (docs/configuration.md): where the API, the router and the image registry listen.
 */
final class Platform {

    static final String GATEWAY = "http://127.0.0.1:" + env("RUNWAY_API_GATEWAY_PORT");
    static final int ROUTER_PORT = Integer.parseInt(env("RUNWAY_ROUTER_PORT"));
    static final String IMAGE_REGISTRY = env("RUNWAY_IMAGE_REGISTRY");
    static final String PLATFORM_ID = env("RUNWAY_PLATFORM_ID");
    static final String REGION = System.getenv().getOrDefault("RUNWAY_REGION", "us-east-1");
    static final Path ROOT = Path.of(env("RUNWAY_ROOT"));
    /** The admin access key `./runway test` created for this platform: every API call is signed with it. */
    static final String ACCESS_KEY_ID = env("RUNWAY_ACCESS_KEY_ID");
    static final String SECRET_ACCESS_KEY = env("RUNWAY_SECRET_ACCESS_KEY");
    /** The example image `./runway test` pushed to the test registry. */
    static final String HELLO_IMAGE = IMAGE_REGISTRY + "/hello-runway:latest";

    static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run the end-to-end tests through ./runway test");
        }
        return value;
    }

    /**
     * A component's credential for the service-registry's {@code /internal} API, from the state
     * directory where `./runway test` made it ({@code operator}: the tests' and the launcher's own).
     */
    static String internalToken(String component) {
        try {
            return java.nio.file.Files.readString(Path.of(env("RUNWAY_HOME"), "internal-tokens", component)).strip();
        } catch (IOException e) {
            throw new IllegalStateException("no internal credential of " + component + " in " + env("RUNWAY_HOME"), e);
        }
    }

    /**
     * One of the profile's secrets as it is now, from the state directory ({@code events-signing-secret},
     * {@code events-stream-token}, {@code registry-notify-token}): {@code ./runway credentials rotate}
     * replaces them while the tests run, so the environment's copies may be stale.
     */
    static String profileSecret(String name) {
        try {
            return java.nio.file.Files.readString(Path.of(env("RUNWAY_HOME"), name)).strip();
        } catch (IOException e) {
            throw new IllegalStateException("no " + name + " in " + env("RUNWAY_HOME"), e);
        }
    }

    /**
     * Client settings for the test platform's Kafka as {@code principal} ({@code admin}: the
     * launcher's and the tests' super user; or a service's), over SASL/SCRAM-SHA-512 with the
     * password `./runway test` made in the state directory (docs/security.md, "Kafka").
     */
    static java.util.Properties kafka(String principal) {
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", env("RUNWAY_KAFKA_BOOTSTRAP_SERVERS"));
        p.put("security.protocol", "SASL_PLAINTEXT");
        p.put("sasl.mechanism", "SCRAM-SHA-512");
        p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + principal + "\" password=\"" + kafkaPassword(principal) + "\";");
        return p;
    }

    /** A Kafka principal's password, from the state directory. */
    static String kafkaPassword(String principal) {
        try {
            return java.nio.file.Files.readString(Path.of(env("RUNWAY_HOME"), "kafka-credentials", principal)).strip();
        } catch (IOException e) {
            throw new IllegalStateException("no Kafka password of " + principal + " in " + env("RUNWAY_HOME"), e);
        }
    }

    /** The event store's database as the registry's role, with its password as it is now (it may be rotated). */
    static java.sql.Connection database() throws java.sql.SQLException {
        return database(dbPassword());
    }

    static java.sql.Connection database(String password) throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(env("RUNWAY_DB_URL"), env("RUNWAY_DB_USER"), password);
    }

    /** The runway role's password, from the state directory (`./runway credentials rotate database` changes it). */
    static String dbPassword() {
        try {
            return java.nio.file.Files.readString(Path.of(env("RUNWAY_DB_PASSWORD_FILE"))).strip();
        } catch (IOException e) {
            throw new IllegalStateException("no database password at " + env("RUNWAY_DB_PASSWORD_FILE"), e);
        }
    }

    /** A service name no other test run uses. */
    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The host part of a ServiceUrl such as {@code demo-0123abcd.localhost:18080}. */
    static String hostOf(String serviceUrl) {
        int colon = serviceUrl.indexOf(':');
        return colon < 0 ? serviceUrl : serviceUrl.substring(0, colon);
    }

    /** Runs the project's launcher with the test profile's environment, e.g. {@code stop --kill service-registry}. */
    static String runway(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(ROOT.resolve("runway").toString()));
        command.addAll(List.of(args));
        return run(command, Duration.ofMinutes(3));
    }

    /** Containers of this platform carrying a service's ARN. */
    static List<String> containersOf(String serviceArn) {
        String out = run(List.of("docker", "ps", "-aq", "--filter", "label=dev.runway.platform=" + PLATFORM_ID,
                "--filter", "label=dev.runway.service-arn=" + serviceArn), Duration.ofSeconds(30));
        return out.isBlank() ? List.of() : List.of(out.trim().split("\\s+"));
    }

    static String run(List<String> command, Duration timeout) {
        return run(command, timeout, false);
    }

    /** Runs a command; with {@code anyExit} its output is returned whatever its exit code. */
    static String run(List<String> command, Duration timeout, boolean anyExit) {
        return run(command, timeout, anyExit, java.util.Map.of());
    }

    private static Path dockerConfig;

    /**
     * The tests' own Docker client settings (a {@code DOCKER_CONFIG} of this JVM's), logged in once
     * to the test registry with the admin key: the registry takes pushes only with a login
     * (docs/security.md, "Image registry"), and the user's {@code ~/.docker} is never touched.
     */
    static synchronized Path dockerConfig() {
        if (dockerConfig == null) {
            try {
                Path dir = java.nio.file.Files.createTempDirectory("runway-e2e-docker");
                // it holds the admin key: gone with the JVM
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                dockerLogin(dir, ACCESS_KEY_ID, SECRET_ACCESS_KEY, false);
                dockerConfig = dir;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return dockerConfig;
    }

    static void deleteTree(Path dir) {
        try (var files = java.nio.file.Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }

    /**
     * {@code docker login} to the test registry with {@code DOCKER_CONFIG=config}, the secret on
     * stdin; returns the output ({@code anyExit}: whatever the exit code).
     */
    static String dockerLogin(Path config, String user, String secret, boolean anyExit) {
        return run(List.of("sh", "-c", "printf '%s' \"$RUNWAY_E2E_SECRET\" | docker login \"$1\" -u \"$2\" --password-stdin",
                "login", IMAGE_REGISTRY, user), Duration.ofMinutes(1), anyExit,
                java.util.Map.of("DOCKER_CONFIG", config.toString(), "RUNWAY_E2E_SECRET", secret));
    }

    /**
     * {@code docker build} (the legacy builder) with the tests' login, so a {@code FROM} on the test
     * registry pulls when the image is not on this machine (any more).
     */
    static String dockerBuild(String image, Path context) {
        return run(List.of("docker", "build", "-q", "-t", image, context.toString()), Duration.ofMinutes(2), false,
                java.util.Map.of("DOCKER_CONFIG", dockerConfig().toString(), "DOCKER_BUILDKIT", "0"));
    }

    /** {@code docker push image} with the tests' login ({@link #dockerConfig()}). */
    static String dockerPush(String image) {
        return run(List.of("docker", "push", image), Duration.ofMinutes(2), false,
                java.util.Map.of("DOCKER_CONFIG", dockerConfig().toString()));
    }

    /** Runs a command with {@code env} added to this JVM's environment. */
    static String run(List<String> command, Duration timeout, boolean anyExit, java.util.Map<String, String> env) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(env);
            Process p = builder.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                fail(command + " did not finish within " + timeout);
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0 && !anyExit) {
                fail(command + " exited " + p.exitValue() + ":\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code probe} until it returns non-null, or fails with {@code what} after {@code timeout}. */
    static <T> T eventually(String what, Duration timeout, Supplier<T> probe) {
        Instant deadline = Instant.now().plus(timeout);
        Object last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                T value = probe.get();
                if (value != null) {
                    return value;
                }
            } catch (RuntimeException | AssertionError e) {
                last = e;
            }
            sleep(250);
        }
        return fail("timed out after " + timeout + " waiting for " + what + (last == null ? "" : " (last: " + last + ")"));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Platform() {
    }
}
