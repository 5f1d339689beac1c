package dev.runway.events.model;

import java.util.Map;

/**
 * An image-based source as the user gave it (App Runner's ImageRepository and ImageConfiguration).
 *
 * @param imageIdentifier     the image reference as the user wrote it
 * @param imageRepositoryType {@code ECR} or {@code ECR_PUBLIC}
 * @param port                the port the app listens on (8080 when absent), passed to it as {@code PORT}; in its
 *                            own network namespace the platform reaches it there (on the host network Runway
 *                            passes a port of its own instead)
 * @param startCommand        overrides the image's command when present
 * @param environment         RuntimeEnvironmentVariables
 * @param secrets             RuntimeEnvironmentSecrets (names to references)
 */
public record ImageSource(
        String imageIdentifier,
        String imageRepositoryType,
        String port,
        String startCommand,
        Map<String, String> environment,
        Map<String, String> secrets) {

    public ImageSource {
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
    }
}
