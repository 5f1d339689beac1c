package dev.runway.events.model;

/**
 * Everything a user configures on a service, with defaults applied.
 *
 * @param image                       the image source; for a code service, the image its last
 *                                    build produced (null until a build succeeds, and while a new
 *                                    deployment's build runs)
 * @param autoDeploymentsEnabled      redeploy when the watched tag or branch moves
 * @param accessRoleArn               AuthenticationConfiguration.AccessRoleArn, stored as given
 * @param instance                    CPU and memory per instance
 * @param healthCheck                 how instances are checked
 * @param autoScalingConfigurationArn the auto scaling configuration in use
 * @param network                     NetworkConfiguration as given
 * @param observabilityEnabled        ServiceObservabilityConfiguration.ObservabilityEnabled
 * @param observabilityConfigurationArn the observability configuration, when enabled
 * @param kmsKey                      EncryptionConfiguration.KmsKey, stored as given
 * @param code                        the code repository of a source-code service; null for image services
 */
public record ServiceConfiguration(
        ImageSource image,
        boolean autoDeploymentsEnabled,
        String accessRoleArn,
        InstanceSize instance,
        HealthCheck healthCheck,
        String autoScalingConfigurationArn,
        Network network,
        boolean observabilityEnabled,
        String observabilityConfigurationArn,
        String kmsKey,
        CodeSource code) {

    /** An image-based service's configuration. */
    public ServiceConfiguration(ImageSource image, boolean autoDeploymentsEnabled, String accessRoleArn,
            InstanceSize instance, HealthCheck healthCheck, String autoScalingConfigurationArn, Network network,
            boolean observabilityEnabled, String observabilityConfigurationArn, String kmsKey) {
        this(image, autoDeploymentsEnabled, accessRoleArn, instance, healthCheck, autoScalingConfigurationArn,
                network, observabilityEnabled, observabilityConfigurationArn, kmsKey, null);
    }

    public boolean builtFromCode() {
        return code != null;
    }

    /** This configuration running {@code built} (a code service's build result, or null to build anew). */
    public ServiceConfiguration withImage(ImageSource built) {
        return new ServiceConfiguration(built, autoDeploymentsEnabled, accessRoleArn, instance, healthCheck,
                autoScalingConfigurationArn, network, observabilityEnabled, observabilityConfigurationArn, kmsKey,
                code);
    }

    /** The image identifier, or null when there is none (a code service not built yet). */
    public String imageIdentifier() {
        return image == null ? null : image.imageIdentifier();
    }
}
