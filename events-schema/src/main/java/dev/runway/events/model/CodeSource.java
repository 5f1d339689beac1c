package dev.runway.events.model;

import java.util.Map;

/**
 * A source-code source as the user gave it (App Runner's CodeRepository), with defaults applied.
 *
 * @param repositoryUrl       the git URL: https://, or file:// for single-machine use
 * @param branch              SourceCodeVersion.Value (Type BRANCH): every build takes its head
 * @param sourceDirectory     where apprunner.yaml, the build and the start command live; "/" is the root
 * @param connectionArn       AuthenticationConfiguration.ConnectionArn, whose token authenticates the clone; may be null
 * @param configurationSource {@code REPOSITORY} (read apprunner.yaml) or {@code API} (use {@code values})
 * @param values              CodeConfigurationValues; null when the API gave none
 * @param buildFrom           Runway's extension: {@code DOCKERFILE} builds the repository's own Dockerfile
 *                            (asked for with the service tag {@code runway:build-from}); null for managed runtimes
 */
public record CodeSource(
        String repositoryUrl,
        String branch,
        String sourceDirectory,
        String connectionArn,
        String configurationSource,
        Values values,
        String buildFrom) {

    public static final String REPOSITORY = "REPOSITORY";
    public static final String API = "API";
    public static final String DOCKERFILE = "DOCKERFILE";

    /** App Runner's CodeConfigurationValues. */
    public record Values(
            String runtime,
            String buildCommand,
            String startCommand,
            String port,
            Map<String, String> environment,
            Map<String, String> secrets) {

        public Values {
            environment = environment == null ? Map.of() : Map.copyOf(environment);
            secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
        }
    }
}
