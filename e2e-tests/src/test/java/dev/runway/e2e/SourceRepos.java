package dev.runway.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Git repositories on this machine for source-code services, and what the build-worker wrote about them. */
final class SourceRepos {

    /**
     * A new repository on branch main holding a copy of {@code examples/<example>}, committed once.
     * A file unique to the repository makes its build steps run (and log) instead of being cached
     * from an earlier test's identical copy.
     */
    static Path fromExample(String example) {
        try {
            Path repo = Files.createTempDirectory("runway-src-" + example + "-");
            Path from = Platform.ROOT.resolve("examples").resolve(example);
            Platform.run(List.of("cp", "-r", from + "/.", repo.toString()), Duration.ofSeconds(30));
            Files.writeString(repo.resolve("test-repository.txt"), repo.getFileName() + "\n");
            git(repo, "init", "-q", "-b", "main");
            commitAll(repo, "the " + example + " example");
            return repo;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code file} in the repository and commits it on the current branch. */
    static void commit(Path repo, String file, String content, String message) {
        try {
            Path f = repo.resolve(file);
            Files.createDirectories(f.getParent());
            Files.writeString(f, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        commitAll(repo, message);
    }

    static void commitAll(Path repo, String message) {
        git(repo, "add", "-A");
        git(repo, "-c", "user.name=e2e", "-c", "user.email=e2e@runway.invalid", "commit", "-q", "-m", message);
    }

    static String git(Path repo, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        return Platform.run(command, Duration.ofSeconds(30));
    }

    static String url(Path repo) {
        return "file://" + repo.toAbsolutePath();
    }

    /** A SourceConfiguration JSON for a code repository read with apprunner.yaml. */
    static String source(String url, String branch, boolean autoDeploy) {
        return "{\"CodeRepository\":{\"RepositoryUrl\":\"" + url + "\",\"SourceCodeVersion\":{\"Type\":\"BRANCH\","
                + "\"Value\":\"" + branch + "\"},\"CodeConfiguration\":{\"ConfigurationSource\":\"REPOSITORY\"}},"
                + "\"AutoDeploymentsEnabled\":" + autoDeploy + "}";
    }

    /** The deployment log of an operation, as the build-worker serves it; empty when there is none yet. */
    static String deploymentLog(String operationId) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + Platform.env("RUNWAY_BUILD_WORKER_PORT") + "/logs/deployment/" + operationId))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The newest operation of a service. */
    static JsonNode latestOperation(String arn) {
        return AwsCli.ok("list-operations", "--service-arn", arn).path("OperationSummaryList").get(0);
    }

    private SourceRepos() {
    }
}
