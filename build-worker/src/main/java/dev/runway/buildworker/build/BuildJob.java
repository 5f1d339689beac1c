package dev.runway.buildworker.build;

import dev.runway.buildworker.source.RepositoryUrls;
import dev.runway.buildworker.build.AppRunnerYaml.InvalidConfiguration;
import dev.runway.buildworker.build.ImageBuilder.ImageBuildException;
import dev.runway.buildworker.config.BuildConfig;
import dev.runway.buildworker.log.DeploymentLogs;
import dev.runway.buildworker.runtime.RuntimeImages;
import dev.runway.buildworker.runtime.RuntimeImages.RuntimeUnavailable;
import dev.runway.buildworker.source.GitSource;
import dev.runway.buildworker.source.GitSource.SourceException;
import dev.runway.events.build.BuildRevision;
import dev.runway.events.credential.SecretFile;
import dev.runway.events.model.CodeSource;
import dev.runway.events.model.ImageSource;
import dev.runway.events.report.BuildFailed;
import dev.runway.events.report.BuildSucceeded;
import dev.runway.events.report.Report;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One build, start to end: the branch head, a shallow checkout, the configuration (apprunner.yaml,
 * the API's values, or the repository's Dockerfile), the runtime image, docker build, push. Every
 * step writes to the deployment log; any failure becomes a {@link BuildFailed} whose reason a user
 * can act on, followed by the log's last lines.
 */
@ApplicationScoped
public class BuildJob {

    static final String GENERATED_DOCKERFILE = ".runway.Dockerfile";

    private final BuildConfig config;
    private final RuntimeImages runtimes;
    private final ImageBuilder docker;
    private final Path workspace;

    private final dev.runway.buildworker.source.ConnectionTokens tokens;

    private final RepositoryUrls urls;

    public BuildJob(BuildConfig config, RuntimeImages runtimes, dev.runway.buildworker.source.ConnectionTokens tokens,
            RepositoryUrls urls) {
        this.tokens = tokens;
        this.urls = urls;
        this.config = config;
        this.runtimes = runtimes;
        this.docker = new ImageBuilder(config.docker().host(), () -> registryLogin(config));
        this.workspace = Path.of(config.home(), "builds");
    }

    /**
     * The build-worker's own login at the platform registry (docs/security.md, "Image registry"):
     * user {@code build-worker} (push and pull), its password read at each push so a replaced one
     * counts at once; null when none is configured.
     */
    static com.github.dockerjava.api.model.AuthConfig registryLogin(BuildConfig config) {
        var user = config.docker().registryUsername();
        var file = config.docker().registryPasswordFile();
        if (user.isEmpty() || file.isEmpty()) {
            return null;
        }
        String password = SecretFile.failing(Path.of(file.get()), "RUNWAY_REGISTRY_PASSWORD_FILE").read().orElse("");
        return new com.github.dockerjava.api.model.AuthConfig().withRegistryAddress(config.imageRegistry())
                .withUsername(user.get()).withPassword(password);
    }

    /** A failed step, with the reason the user will read. */
    static final class BuildStepFailed extends Exception {
        BuildStepFailed(String message) {
            super(message, null, false, false);
        }
    }

    public Report run(BuildRevision command, DeploymentLogs.Stream log) {
        Instant started = Instant.now();
        CodeSource code = command.code();
        Path checkout = workspace.resolve(command.operationId().toString().replace("-", "") + "-r" + command.revision());
        try {
            log.platform("Deployment " + command.operationId() + ": building revision " + command.revision() + " of "
                    + command.serviceName() + " from " + code.repositoryUrl() + ", branch " + code.branch()
                    + ", source directory " + code.sourceDirectory() + ".");
            GitSource.deleteTree(checkout);
            Files.createDirectories(workspace);
            step(() -> {
                urls.check(code.repositoryUrl());
                return null;
            });
            String token = step(() -> tokens.tokenFor(code.connectionArn()));
            if (token != null) {
                log.platform("Authenticating with connection " + code.connectionArn() + ".");
            }
            String head = step(() -> GitSource.head(code.repositoryUrl(), code.branch(), token));
            log.platform("Branch " + code.branch() + " is at commit " + head + ".");
            GitSource.Checkout c = step(() -> GitSource.clone(code.repositoryUrl(), code.branch(), token, checkout,
                    log::platform));
            GitSource.dropGitMetadata(checkout);
            RepositoryFiles files = new RepositoryFiles(checkout);
            Path source = sourceDirectory(files, code.sourceDirectory(), c.commitSha());

            String repository = config.imageRegistry() + "/" + repositoryName(command);
            String tag = c.commitSha();
            ImageSource built;
            if (CodeSource.DOCKERFILE.equals(code.buildFrom())) {
                built = buildFromDockerfile(files, source, repository, tag, code, log);
            } else {
                built = buildManaged(files, source, repository, tag, code, log);
            }
            log.platform("Build of commit " + c.commitSha() + " succeeded in "
                    + Duration.between(started, Instant.now()).toSeconds() + " s: " + built.imageIdentifier());
            return new BuildSucceeded(command.serviceArn(), command.operationId(), command.revision(), c.commitSha(),
                    built);
        } catch (BuildStepFailed | IOException e) {
            String reason = e instanceof BuildStepFailed ? e.getMessage() : "Build workspace error: " + e.getMessage();
            log.platform("Build failed: " + reason);
            Log.infof("build of %s revision %d failed: %s [%s]", command.serviceName(), command.revision(), reason,
                    command.operationId());
            StringBuilder full = new StringBuilder("Build failed: ").append(reason);
            var tail = log.last(config.build().failureLines());
            if (!tail.isEmpty()) {
                full.append("\nLast lines of the deployment log:\n").append(String.join("\n", tail));
            }
            return new BuildFailed(command.serviceArn(), command.operationId(), command.revision(), full.toString());
        } finally {
            try {
                GitSource.deleteTree(checkout);
            } catch (IOException e) {
                Log.debugf("cannot remove %s: %s", checkout, e.getMessage());
            }
        }
    }

    private ImageSource buildManaged(RepositoryFiles files, Path source, String repository, String tag,
            CodeSource code, DeploymentLogs.Stream log) throws BuildStepFailed, IOException {
        BuildSpec spec;
        if (CodeSource.API.equals(code.configurationSource())) {
            log.platform("Configuration source API: using the service's CodeConfigurationValues (apprunner.yaml,"
                    + " if any, is ignored).");
            spec = step(() -> AppRunnerYaml.fromApi(code.values()));
        } else {
            if (!Files.exists(source.resolve("apprunner.yaml"), LinkOption.NOFOLLOW_LINKS)) {
                throw new BuildStepFailed("No apprunner.yaml in source directory " + code.sourceDirectory()
                        + ". Add one (see examples/), or set ConfigurationSource to API with CodeConfigurationValues"
                        + (files.isFile(source, "Dockerfile")
                                ? ", or tag the service runway:build-from=Dockerfile to build its Dockerfile" : "")
                        + ".");
            }
            log.platform("Configuration source REPOSITORY: reading apprunner.yaml.");
            String text = step(() -> files.read(source, "apprunner.yaml"));
            spec = step(() -> AppRunnerYaml.parse(text));
        }
        log.platform("Runtime " + spec.runtime().describe() + ".");
        if (spec.runtimeVersion() != null) {
            log.platform("run.runtime-version " + spec.runtimeVersion() + " asked; this installation has one version"
                    + " per runtime: " + spec.runtime().versionUsed() + ".");
        }
        String base = step(() -> runtimes.ensure(spec.runtime(), docker, log::platform));
        Path dockerfile = source.resolve(GENERATED_DOCKERFILE);
        // never written through whatever the repository put at that name
        files.writeOwn(source, GENERATED_DOCKERFILE, Dockerfiles.managed(spec, base));
        // not listed in .dockerignore: the engine refuses a Dockerfile its context excludes
        String identifier = buildAndPush(files, source, dockerfile, repository, tag, log);
        return new ImageSource(identifier, "ECR", spec.port(), null, spec.runEnv(), spec.secrets());
    }

    private ImageSource buildFromDockerfile(RepositoryFiles files, Path source, String repository, String tag,
            CodeSource code, DeploymentLogs.Stream log) throws BuildStepFailed, IOException {
        Path dockerfile = source.resolve("Dockerfile");
        if (!Files.exists(dockerfile, LinkOption.NOFOLLOW_LINKS)) {
            throw new BuildStepFailed("The service asks for a Dockerfile build (tag runway:build-from), but source"
                    + " directory " + code.sourceDirectory() + " has no Dockerfile.");
        }
        log.platform("Building the repository's own Dockerfile (runway:build-from=Dockerfile); its FROM images"
                + " must exist on this machine: nothing is pulled.");
        step(() -> files.read(source, "Dockerfile")); // a link out of the repository is refused
        String identifier = buildAndPush(files, source, dockerfile, repository, tag, log);
        CodeSource.Values v = code.values();
        return new ImageSource(identifier, "ECR", v == null ? "8080" : v.port(), null,
                v == null ? null : v.environment(), v == null ? null : v.secrets());
    }

    private String buildAndPush(RepositoryFiles files, Path context, Path dockerfile, String repository, String tag,
            DeploymentLogs.Stream log) throws BuildStepFailed {
        step(() -> {
            files.checkContext(context);
            return null;
        });
        log.platform("Building image " + repository + ":" + tag + " ...");
        step(() -> {
            docker.build(context.toFile(), dockerfile.toFile(), repository + ":" + tag, config.build().timeout(),
                    line -> {
                        if (line.startsWith("Step ") || line.startsWith(" ---> ") || line.startsWith("Removing intermediate")
                                || line.startsWith("Successfully ")) {
                            log.platform(line.strip());
                        } else {
                            log.build(line);
                        }
                    });
            return null;
        });
        log.platform("Pushing the image to the platform registry ...");
        String digest = step(() -> docker.push(repository, tag, Duration.ofMinutes(5)));
        return repository + "@" + digest;
    }

    private static Path sourceDirectory(RepositoryFiles files, String directory, String commit)
            throws BuildStepFailed {
        return step(() -> files.directory(directory)).orElseThrow(() -> new BuildStepFailed("Source directory "
                + directory + " does not exist in the repository at commit " + commit + "."));
    }

    /** {@code <service name>-<first 8 of its id>}, lowercased, as a registry repository name. */
    static String repositoryName(BuildRevision command) {
        String name = command.serviceName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        return "runway-build/" + name + "-" + command.serviceId().substring(0, 8);
    }

    @FunctionalInterface
    private interface Step<T> {
        T run() throws Exception;
    }

    /** Runs a step; its typed failure becomes the build's reason. */
    private static <T> T step(Step<T> step) throws BuildStepFailed {
        try {
            return step.run();
        } catch (SourceException | InvalidConfiguration | RuntimeUnavailable | ImageBuildException
                | RepositoryFiles.OutsideRepository e) {
            throw new BuildStepFailed(e.getMessage());
        } catch (BuildStepFailed e) {
            throw e;
        } catch (Exception e) {
            throw new BuildStepFailed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
