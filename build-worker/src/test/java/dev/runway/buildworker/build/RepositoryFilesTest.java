package dev.runway.buildworker.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryFilesTest {

    @TempDir
    Path temp;
    private Path checkout;
    private Path secret;
    private RepositoryFiles files;

    @BeforeEach
    void aRepositoryBesideAHostFile() throws IOException {
        checkout = Files.createDirectories(temp.resolve("checkout"));
        secret = Files.writeString(temp.resolve("credentials.key"), "host secret");
        Files.createDirectories(checkout.resolve("app"));
        Files.writeString(checkout.resolve("app/apprunner.yaml"), "version: 1.0\n");
        files = new RepositoryFiles(checkout);
    }

    @Test
    void shouldReadTheRepositorysOwnFilesThroughLinksThatStayInside() throws Exception {
        Files.createSymbolicLink(checkout.resolve("apprunner.yaml"), Path.of("app/apprunner.yaml"));
        assertEquals("version: 1.0\n", files.read(checkout, "apprunner.yaml"));
        assertTrue(files.isFile(checkout, "apprunner.yaml"));
        assertEquals(Optional.of(checkout.resolve("app").toRealPath()), files.directory("/app"));
    }

    @Test
    void shouldRefuseAConfigurationFileLinkedOutsideTheRepository() throws Exception {
        Files.createSymbolicLink(checkout.resolve("apprunner.yaml"), secret);
        var refused = assertThrows(RepositoryFiles.OutsideRepository.class, () -> files.read(checkout, "apprunner.yaml"));
        assertTrue(refused.getMessage().contains("outside the repository"), refused.getMessage());
        assertFalse(files.isFile(checkout, "apprunner.yaml"));
    }

    @Test
    void shouldRefuseASourceDirectoryLinkedToTheRoot() throws Exception {
        Files.createSymbolicLink(checkout.resolve("root"), Path.of("/"));
        assertThrows(RepositoryFiles.OutsideRepository.class, () -> files.directory("root"));
        assertThrows(RepositoryFiles.OutsideRepository.class, () -> files.directory("../"));
        assertEquals(Optional.empty(), files.directory("missing"));
    }

    @Test
    void shouldRefuseABuildContextWithALinkOutAndAcceptOneWithLinksWithin() throws Exception {
        Files.createSymbolicLink(checkout.resolve("app/inside"), Path.of("apprunner.yaml"));
        Files.createSymbolicLink(checkout.resolve("app/dangling"), Path.of("nowhere"));
        files.checkContext(checkout);
        Files.createSymbolicLink(checkout.resolve("app/key"), secret);
        var refused = assertThrows(RepositoryFiles.OutsideRepository.class, () -> files.checkContext(checkout));
        assertTrue(refused.getMessage().startsWith("app/key is a link to"), refused.getMessage());
    }

    @Test
    void shouldWriteItsOwnFileInsteadOfThroughTheRepositorysLink() throws Exception {
        Files.createSymbolicLink(checkout.resolve(".runway.Dockerfile"), secret);
        files.writeOwn(checkout, ".runway.Dockerfile", "FROM scratch\n");
        assertEquals("host secret", Files.readString(secret), "the host's file is untouched");
        assertFalse(Files.isSymbolicLink(checkout.resolve(".runway.Dockerfile")));
        assertEquals("FROM scratch\n", Files.readString(checkout.resolve(".runway.Dockerfile")));
    }
}
