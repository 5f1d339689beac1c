package dev.runway.deployworker.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deploy-worker's registry login goes to the platform registry only, with the password as the file has it now. */
class RegistryLoginTest {

    @TempDir
    Path dir;

    @Test
    void shouldLogInToThePlatformRegistryOnlyWithTheCurrentPassword() throws Exception {
        Path file = Files.writeString(dir.resolve("deploy-worker"), "first\n");
        RegistryLogin login = new RegistryLogin("127.0.0.1:5000", "deploy-worker", file);
        var auth = login.forRepository("127.0.0.1:5000/team/app").orElseThrow();
        assertEquals("deploy-worker", auth.getUsername());
        assertEquals("first", auth.getPassword());
        assertEquals("127.0.0.1:5000", auth.getRegistryAddress());
        Files.writeString(file, "rotated");
        assertEquals("rotated", login.forRepository("127.0.0.1:5000/app").orElseThrow().getPassword());
        // never handed to another registry, nor to a name without one
        assertTrue(login.forRepository("127.0.0.1:5001/app").isEmpty());
        assertTrue(login.forRepository("example.org/127.0.0.1:5000").isEmpty());
        assertTrue(login.forRepository("busybox").isEmpty());
    }
}
