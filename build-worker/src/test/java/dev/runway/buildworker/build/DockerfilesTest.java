package dev.runway.buildworker.build;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DockerfilesTest {

    @Test
    void shouldRunTheAppAsAnUnprivilegedUserThatOwnsItsFiles() throws Exception {
        BuildSpec spec = AppRunnerYaml.parse("""
                version: 1.0
                runtime: python311
                build:
                  commands:
                    build:
                      - pip install -r requirements.txt
                run:
                  command: python3 server.py
                """);
        String dockerfile = Dockerfiles.managed(spec, "runway/runtime-base:abc");
        String run = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
        int chown = run.indexOf("RUN chown -R 10001:10001 /app\n");
        int user = run.indexOf("USER 10001:10001\n");
        int cmd = run.indexOf("CMD [");
        assertTrue(chown > 0 && chown < user && user < cmd, dockerfile);
    }
}
