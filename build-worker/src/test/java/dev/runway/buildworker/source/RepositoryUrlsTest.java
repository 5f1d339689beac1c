package dev.runway.buildworker.source;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.net.AddressGuard;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryUrlsTest {

    @TempDir
    Path temp;

    private RepositoryUrls urls(Optional<Path> root, String allow) {
        AddressGuard.Resolver table = name -> new InetAddress[] {InetAddress.getByName(
                name.equals("git.example") ? "203.0.113.9" : "127.0.0.1")};
        return new RepositoryUrls(root, new AddressGuard("RUNWAY_GIT_HOST_ALLOW", allow, Set.of(9001), table));
    }

    @Test
    void shouldCloneFileRepositoriesOnlyUnderTheRootByTheirRealPath() throws Exception {
        Path root = Files.createDirectories(temp.resolve("repos"));
        Path repo = Files.createDirectories(root.resolve("app"));
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Files.createSymbolicLink(root.resolve("sneaky"), elsewhere);
        RepositoryUrls urls = urls(Optional.of(root), "");
        urls.check("file://" + repo);
        urls.check("file://" + root.resolve("not-yet")); // under the root: the clone says it is missing
        var out = assertThrows(GitSource.SourceException.class, () -> urls.check("file://" + elsewhere));
        assertTrue(out.getMessage().contains("RUNWAY_GIT_FILE_ROOT"), out.getMessage());
        assertThrows(GitSource.SourceException.class, () -> urls.check("file://" + root.resolve("sneaky")));
        assertThrows(GitSource.SourceException.class, () -> urls.check("file://" + root + "/../elsewhere"));
        var off = assertThrows(GitSource.SourceException.class, () -> urls(Optional.empty(), "").check("file://" + repo));
        assertTrue(off.getMessage().contains("off on this installation"), off.getMessage());
    }

    @Test
    void shouldRefuseInternalHostsUnlessAllowedAndThePlatformsPortsAlways() throws Exception {
        RepositoryUrls urls = urls(Optional.empty(), "");
        urls.check("https://git.example/team/app.git");
        assertThrows(GitSource.SourceException.class, () -> urls.check("http://127.0.0.1:8000/app.git"));
        assertThrows(GitSource.SourceException.class, () -> urls.check("https://localhost/app.git"));
        urls(Optional.empty(), "127.0.0.1").check("http://127.0.0.1:8000/app.git");
        var own = assertThrows(GitSource.SourceException.class,
                () -> urls(Optional.empty(), "127.0.0.1").check("http://127.0.0.1:9001/internal/access-keys"));
        assertTrue(own.getMessage().contains("Runway's own endpoints"), own.getMessage());
        assertThrows(GitSource.SourceException.class, () -> urls.check("ssh://git.example/app.git"));
        assertThrows(GitSource.SourceException.class, () -> urls.check("not a url"));
    }
}
