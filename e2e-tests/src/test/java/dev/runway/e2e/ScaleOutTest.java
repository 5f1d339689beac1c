package dev.runway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Workers scale out through their consumer groups: with two build-workers and two deploy-workers
 * (`./runway scale`), a burst of creates completes even when one worker of each kind is killed
 * with SIGKILL in the middle of it; the survivor takes over the dead one's partitions and no
 * operation is done twice. Some of the services are built from source code, so builds move too.
 */
class ScaleOutTest {

    private static final int SERVICES = 10;

    /** How many of them are built from a git repository (the rest are images). */
    private static final int CODE_SERVICES = 4;

    private final List<String> arns = new ArrayList<>();

    @Test
    void shouldFinishEveryCreateWhenAWorkerOfEachKindIsKilled() throws Exception {
        // given two instances of each worker
        Platform.runway("scale", "deploy-worker=2", "build-worker=2");
        Path logs = Path.of(Platform.env("RUNWAY_HOME"), "logs");
        Path survivorLog = logs.resolve("deploy-worker.log");
        long logStart = Files.size(survivorLog);
        Path buildSurvivorLog = logs.resolve("build-worker.log");
        long buildLogStart = Files.size(buildSurvivorLog);
        Path killedBuildLog = logs.resolve("build-worker-2.log");
        long killedBuildLogStart = Files.exists(killedBuildLog) ? Files.size(killedBuildLog) : 0;
        List<String> codeNames = new ArrayList<>();
        List<Path> repos = new ArrayList<>();
        for (int i = 0; i < CODE_SERVICES; i++) {
            repos.add(SourceRepos.fromExample("python"));
        }

        // when ten services are created at once
        ExecutorService pool = Executors.newFixedThreadPool(SERVICES);
        try {
            List<Future<String>> created = new ArrayList<>();
            for (int i = 0; i < SERVICES; i++) {
                String name = Platform.uniqueName("scale" + i);
                String source = i < CODE_SERVICES ? SourceRepos.source(SourceRepos.url(repos.get(i)), "main", false)
                        : AwsCli.imageSource(Platform.HELLO_IMAGE);
                if (i < CODE_SERVICES) {
                    codeNames.add(name);
                }
                created.add(pool.submit(() -> create(name, source)));
            }

            // and one worker of each kind dies while they deploy: as soon as build-worker-2 builds one
            // of the code services (it owns about half of the partitions, so it has one unless all
            // four keys fell on the other's), even before every create has answered
            java.time.Instant waitUntil = java.time.Instant.now().plusSeconds(60);
            while (java.time.Instant.now().isBefore(waitUntil) && codeNames.stream()
                    .noneMatch(n -> startedOn(killedBuildLog, killedBuildLogStart, n))) {
                Platform.sleep(50);
            }
            Platform.runway("stop", "--kill", "build-worker-2");
            Platform.runway("stop", "--kill", "deploy-worker-2");
            for (Future<String> arn : created) {
                arns.add(arn.get());
            }
        } finally {
            pool.shutdown();
        }
        int runningAtKill = running();
        String killedBuilds = readFrom(killedBuildLog, killedBuildLogStart);
        List<String> cutShort = codeNames.stream()
                .filter(n -> killedBuilds.contains("building " + n + " ") && !killedBuilds.contains("reported BuildSucceeded for " + n + " "))
                .toList();
        System.out.printf("killed deploy-worker-2 and build-worker-2; %d of %d services RUNNING once every create"
                + " had answered; builds cut short: %s%n",
                runningAtKill, SERVICES, cutShort);

        // then every service reaches RUNNING, served by one container each
        for (String arn : arns) {
            assertEquals("RUNNING", Services.settle(arn, Duration.ofSeconds(120)).path("Status").asText(), arn);
        }
        for (String arn : arns) {
            assertEquals(1, Platform.containersOf(arn).size(), "containers of " + arn);
        }

        // and the survivor took over every partition of runway.deploy.commands
        int partitions = Integer.parseInt(Platform.env("RUNWAY_TOPIC_PARTITIONS"));
        String all = java.util.stream.IntStream.range(0, partitions).mapToObj(Integer::toString)
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        Platform.eventually("deploy-worker to own partitions " + all, Duration.ofSeconds(30), () -> {
            try {
                return readFrom(survivorLog, logStart).contains("deploy-worker now owns partitions " + all) ? true : null;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        // and the builds the killed build-worker had not finished were done by the survivor
        String survivorBuilds = readFrom(buildSurvivorLog, buildLogStart);
        for (String name : cutShort) {
            assertTrue(survivorBuilds.contains("building " + name + " "), "the survivor built " + name);
        }

        // and each stream holds each fact once, without gaps
        for (int i = 0; i < arns.size(); i++) {
            assertOnce(arns.get(i), i < CODE_SERVICES);
        }
    }

    @AfterEach
    void cleanUp() {
        for (String arn : arns) {
            AwsCli.apprunner("delete-service", "--service-arn", arn);
        }
        for (String arn : arns) {
            Services.settle(arn, Duration.ofSeconds(60));
        }
        Platform.runway("scale", "deploy-worker=1", "build-worker=1");
    }

    /**
     * Creates a service; when the gateway gave up waiting for the registry's verdict (a loaded
     * machine), the create may still complete, as the error says: then its ARN is looked up.
     */
    private static String create(String name, String source) {
        AwsCli.Result result = AwsCli.apprunner("create-service", "--service-name", name, "--source-configuration",
                source);
        if (result.exitCode() == 0) {
            return result.json().path("Service").path("ServiceArn").asText();
        }
        if (!result.stderr().contains("did not confirm")) {
            throw new AssertionError("create-service " + name + " failed: " + result.stderr());
        }
        return Platform.eventually("service " + name + " to appear", Duration.ofSeconds(60), () -> {
            for (var summary : AwsCli.ok("list-services").path("ServiceSummaryList")) {
                if (name.equals(summary.path("ServiceName").asText())) {
                    return summary.path("ServiceArn").asText();
                }
            }
            return null;
        });
    }

    private int running() {
        int n = 0;
        for (String arn : arns) {
            if ("RUNNING".equals(Services.describe(arn).path("Status").asText())) {
                n++;
            }
        }
        return n;
    }

    private static boolean startedOn(Path log, long offset, String serviceName) {
        try {
            return readFrom(log, offset).contains("building " + serviceName + " ");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String readFrom(Path file, long offset) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        byte[] all = Files.readAllBytes(file);
        return new String(all, (int) Math.min(offset, all.length), all.length - (int) Math.min(offset, all.length),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void assertOnce(String arn, boolean fromCode) throws SQLException {
        List<Integer> versions = new ArrayList<>();
        Map<String, Integer> types = new HashMap<>();
        try (Connection db = Platform.database();
                var query = db.prepareStatement("select version, type from events where stream_id = ? order by version")) {
            query.setString(1, arn);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    versions.add(rs.getInt(1));
                    types.merge(rs.getString(2), 1, Integer::sum);
                }
            }
        }
        for (int i = 0; i < versions.size(); i++) {
            assertEquals(i + 1, versions.get(i), arn + ": versions run 1..n without a gap: " + versions);
        }
        assertEquals(1, types.get("ServiceCreated"), arn + " " + types);
        assertEquals(1, types.get("DeploymentStarted"), arn + " " + types);
        assertEquals(1, types.get("RevisionActivated"), arn + " " + types);
        assertEquals(1, types.get("OperationSucceeded"), arn + " " + types);
        if (fromCode) {
            assertEquals(1, types.get("SourceBuilt"), arn + " " + types);
        }
    }
}
