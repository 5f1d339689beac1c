package dev.runway.registry.testplatform;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A database of the tests' own on the test platform's PostgreSQL, never its {@code runway}
 * database: created (owned by the registry's role) before the registry starts, whose Flyway then
 * applies the same migrations as in production, and dropped when the tests end. The registry's role
 * may not create databases (deploy/lib/postgres.sh), so this asks the postgres superuser over the
 * profile's socket, as the launcher does ({@code psql_admin}); the tests run as root there.
 */
public class OwnDatabase implements QuarkusTestResourceLifecycleManager {

    private String name;

    @Override
    public Map<String, String> start() {
        name = TestPlatform.unique("registry_it").replace('-', '_');
        asSuperuser("CREATE DATABASE " + name + " OWNER \"" + TestPlatform.env("RUNWAY_DB_USER") + "\"");
        return Map.of("quarkus.datasource.jdbc.url",
                "jdbc:postgresql://127.0.0.1:" + TestPlatform.env("RUNWAY_DB_PORT") + "/" + name);
    }

    @Override
    public void stop() {
        if (name != null) {
            asSuperuser("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static void asSuperuser(String sql) {
        Path socketDir = Path.of(TestPlatform.env("RUNWAY_HOME"), "postgres", "run");
        List<String> command = List.of("runuser", "-u", "postgres", "--", psql(), "-X", "-q", "-h", socketDir.toString(),
                "-p", TestPlatform.env("RUNWAY_DB_PORT"), "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1",
                "-c", sql);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("psql did not answer in 30 s: " + sql);
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                throw new IllegalStateException("psql failed (exit " + p.exitValue() + ") on " + sql + ": " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run psql as postgres: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + sql, e);
        }
    }

    /** Debian's psql of the newest installed server (as deploy/lib/packages.sh finds its binaries), else the PATH's. */
    private static String psql() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin/psql")).filter(Files::isExecutable)
                    .max(Comparator.comparingInt(OwnDatabase::major)).map(Path::toString).orElse("psql");
        } catch (IOException e) {
            return "psql";
        }
    }

    private static int major(Path psql) {
        try {
            return Integer.parseInt(psql.getParent().getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
