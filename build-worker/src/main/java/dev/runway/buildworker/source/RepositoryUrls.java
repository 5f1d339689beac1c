package dev.runway.buildworker.source;

import dev.runway.buildworker.config.BuildConfig;
import dev.runway.events.net.AddressGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Which repository URLs the build-worker reads from, a URL being anybody's input: {@code file://}
 * only under {@code RUNWAY_GIT_FILE_ROOT} (by real path: a link out of it does not count), and
 * {@code http(s)://} not on a loopback, link-local or private address unless
 * {@code RUNWAY_GIT_HOST_ALLOW} names it, nor ever on the platform's own ports. Otherwise a
 * service could have any git repository of the build host cloned into its image, or make the
 * build-worker call the platform's internal endpoints.
 */
@ApplicationScoped
public class RepositoryUrls {

    private final Optional<Path> fileRoot;
    private final AddressGuard hosts;

    @Inject
    public RepositoryUrls(BuildConfig config) {
        this(config.git().fileRoot().map(Path::of), AddressGuard.of("RUNWAY_GIT_HOST_ALLOW",
                config.git().hostAllow().orElse(""), config.git().platformPorts()));
    }

    RepositoryUrls(Optional<Path> fileRoot, AddressGuard hosts) {
        this.fileRoot = fileRoot;
        this.hosts = hosts;
    }

    /** Refuses a URL the build-worker must not read, with a reason for the user. */
    public void check(String url) throws GitSource.SourceException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new GitSource.SourceException("RepositoryUrl " + url + " is not a URL: " + e.getReason() + ".");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "file" -> checkFile(url, uri);
            case "http", "https" -> {
                if (uri.getHost() == null) {
                    throw new GitSource.SourceException("RepositoryUrl " + url + " has no host.");
                }
                Optional<String> refused = hosts.refusalResolved(url);
                if (refused.isPresent()) {
                    throw new GitSource.SourceException("Runway does not clone " + url + ": " + refused.get() + ".");
                }
            }
            default -> throw new GitSource.SourceException("RepositoryUrl " + url
                    + " is neither https://, http:// nor file://.");
        }
    }

    private void checkFile(String url, URI uri) throws GitSource.SourceException {
        if (fileRoot.isEmpty()) {
            throw new GitSource.SourceException("file:// repositories are off on this installation; an operator can"
                    + " allow those under one directory with RUNWAY_GIT_FILE_ROOT.");
        }
        Path root = fileRoot.get();
        Path path = Path.of(uri.getPath() == null ? "" : uri.getPath()).normalize();
        Path real;
        try {
            root = root.toRealPath();
            real = path.toRealPath();
        } catch (IOException missing) {
            if (!path.isAbsolute() || !path.startsWith(root)) {
                throw outside(url, root);
            }
            return; // under the root but not there: the clone says so
        }
        if (!real.startsWith(root)) {
            throw outside(url, root);
        }
    }

    private static GitSource.SourceException outside(String url, Path root) {
        return new GitSource.SourceException("Runway does not clone " + url + ": file:// repositories must be under "
                + root + " (RUNWAY_GIT_FILE_ROOT).");
    }
}
