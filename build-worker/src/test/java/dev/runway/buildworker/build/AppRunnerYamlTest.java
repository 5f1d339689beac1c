package dev.runway.buildworker.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.buildworker.build.AppRunnerYaml.InvalidConfiguration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** apprunner.yaml in, a BuildSpec or a reason a user can act on out. */
class AppRunnerYamlTest {

    static final String FULL = """
            version: 1.0
            runtime: python311
            build:
              commands:
                pre-build:
                  - echo pre
                build:
                  - pip3 install -r requirements.txt
                post-build:
                  - python3 -m unittest
              env:
                - name: MODE
                  value: build
            run:
              runtime-version: 3.11
              pre-run:
                - echo prerun
              command: python3 app.py
              network:
                port: 8000
                env: APP_PORT
              env:
                - name: GREETING
                  value: hi
              secrets:
                - name: DB_PASSWORD
                  value-from: "arn:aws:secretsmanager:us-east-1:123456789012:secret:db"
            """;

    @Test
    void shouldReadEveryKeyOfTheSchema() throws InvalidConfiguration {
        BuildSpec spec = AppRunnerYaml.parse(FULL);

        assertEquals("PYTHON_311", spec.runtime().id());
        assertEquals(List.of("echo pre"), spec.preBuild());
        assertEquals(List.of("pip3 install -r requirements.txt"), spec.build());
        assertEquals(List.of("python3 -m unittest"), spec.postBuild());
        assertEquals(Map.of("MODE", "build"), spec.buildEnv());
        assertEquals("3.11", spec.runtimeVersion());
        assertEquals(List.of("echo prerun"), spec.preRun());
        assertEquals("python3 app.py", spec.command());
        assertEquals("8000", spec.port());
        assertEquals("APP_PORT", spec.portEnv());
        assertEquals(Map.of("GREETING", "hi"), spec.runEnv());
        assertEquals(Map.of("DB_PASSWORD", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db"), spec.secrets());
    }

    @Test
    void shouldRefuseAnUnknownKeyNamingTheAllowedOnes() {
        var e = assertThrows(InvalidConfiguration.class, () -> AppRunnerYaml.parse(FULL.replace("  command: python3",
                "  comand: x\n  command: python3")));
        assertTrue(e.getMessage().contains("unknown key 'run.comand'"), e.getMessage());
        assertTrue(e.getMessage().contains("command"), e.getMessage());
    }

    @Test
    void shouldRefuseInvalidYamlWithTheLine() {
        var e = assertThrows(InvalidConfiguration.class, () -> AppRunnerYaml.parse("version: 1.0\nruntime: [python3\n"));
        assertTrue(e.getMessage().startsWith("apprunner.yaml is not valid YAML"), e.getMessage());
        assertTrue(e.getMessage().contains("line"), e.getMessage());
    }

    @Test
    void shouldRefuseAnUnknownRuntimeNamingTheOfferedOnes() {
        var e = assertThrows(InvalidConfiguration.class, () -> AppRunnerYaml.parse(FULL.replace("python311", "cobol85")));
        assertTrue(e.getMessage().contains("runtime 'cobol85' is not offered"), e.getMessage());
        assertTrue(e.getMessage().contains("python311") && e.getMessage().contains("nodejs18"), e.getMessage());
    }

    @Test
    void shouldRefusePreRunOnAnOriginalBuildRuntime() {
        var e = assertThrows(InvalidConfiguration.class, () -> AppRunnerYaml.parse(FULL.replace("python311", "python3")));
        assertTrue(e.getMessage().contains("pre-run"), e.getMessage());
    }

    @Test
    void shouldRequireTheStartCommand() {
        var e = assertThrows(InvalidConfiguration.class, () -> AppRunnerYaml.parse("""
                version: 1.0
                runtime: nodejs18
                build:
                  commands:
                    build:
                      - echo ok
                run:
                  network:
                    port: 8080
                """));
        assertTrue(e.getMessage().contains("run.command"), e.getMessage());
    }

    @Test
    void originalBuildRunsBuildAgainInTheRunImageAndRevisedRunsPreRun() throws InvalidConfiguration {
        String revised = Dockerfiles.managed(AppRunnerYaml.parse(FULL), "runway/runtime-base:x");
        assertTrue(revised.contains("FROM runway/runtime-base:x AS build"), revised);
        assertTrue(revised.contains("RUN env MODE='build' sh -c 'echo prerun'"), revised);
        assertTrue(revised.contains("export APP_PORT=\\\"$PORT\\\"; exec python3 app.py"), revised);

        String original = Dockerfiles.managed(AppRunnerYaml.parse(FULL.replace("python311", "python3")
                .replace("  pre-run:\n    - echo prerun\n", "")), "runway/runtime-base:x");
        String runStage = original.substring(original.lastIndexOf("FROM "));
        assertTrue(runStage.contains("pip3 install -r requirements.txt"), "step 5 of the original build: " + original);
        assertTrue(!runStage.contains("MODE=build") && !runStage.contains("ENV MODE"),
                "build variables do not reach the run image's environment");
    }
}
