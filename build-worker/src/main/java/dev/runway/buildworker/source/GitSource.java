package dev.runway.buildworker.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/** The git adapter (JGit): the head of a branch, and a shallow checkout of it. */
public final class GitSource {

    /** What a user must read when the source cannot be had. */
    public static final class SourceException extends Exception {
        public SourceException(String message) {
            super(message, null, false, false);
        }
    }

    /** A checkout of one commit. */
    public record Checkout(Path directory, String commitSha) {
    }

    private GitSource() {
    }

    /** The commit at the head of {@code branch}; fails naming the branches that exist when it does not. */
    public static String head(String url, String branch, String token) throws SourceException {
        Collection<Ref> heads;
        try {
            heads = Git.lsRemoteRepository().setRemote(url).setHeads(true).setTimeout(30)
                    .setCredentialsProvider(credentials(token)).call();
        } catch (TransportException e) {
            throw new SourceException("Could not reach the repository " + url + ": " + e.getMessage()
                    + ". Check RepositoryUrl, and that the connection's token (if any) can read it.");
        } catch (GitAPIException | RuntimeException e) {
            throw new SourceException("Could not read the repository " + url + ": " + e.getMessage());
        }
        String ref = "refs/heads/" + branch;
        for (Ref r : heads) {
            if (r.getName().equals(ref)) {
                return r.getObjectId().name();
            }
        }
        List<String> names = heads.stream().map(r -> r.getName().substring("refs/heads/".length())).sorted().toList();
        throw new SourceException("Branch '" + branch + "' does not exist in " + url + "."
                + (names.isEmpty() ? " The repository has no branches." : " Branches: " + String.join(", ", names) + "."));
    }

    /** A shallow clone (depth 1) of {@code branch} into {@code into}, which must not exist yet. */
    public static Checkout clone(String url, String branch, String token, Path into, Consumer<String> log)
            throws SourceException {
        try (Git git = Git.cloneRepository().setURI(url).setDirectory(into.toFile()).setBranch(branch)
                .setBranchesToClone(List.of("refs/heads/" + branch)).setCloneAllBranches(false).setDepth(1)
                .setTimeout(120).setCredentialsProvider(credentials(token)).call()) {
            var head = git.getRepository().resolve("HEAD");
            if (head == null) {
                throw new SourceException("Branch '" + branch + "' does not exist in " + url + ".");
            }
            log.accept("Cloned " + url + " at branch " + branch + ", commit " + head.name());
            return new Checkout(into, head.name());
        } catch (TransportException e) {
            throw new SourceException("Could not clone " + url + ": " + e.getMessage());
        } catch (GitAPIException | IOException | RuntimeException e) {
            throw new SourceException("Could not check out branch " + branch + " of " + url + ": " + e.getMessage());
        }
    }

    /** Removes the checkout's git metadata: the image gets the files, not the history. */
    public static void dropGitMetadata(Path checkout) throws IOException {
        Path git = checkout.resolve(".git");
        if (Files.exists(git)) {
            deleteTree(git);
        }
    }

    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static CredentialsProvider credentials(String token) {
        // GitHub and Bitbucket take a token as the password of any user name over HTTPS
        return token == null ? null : new UsernamePasswordCredentialsProvider("x-token-auth", token);
    }
}
