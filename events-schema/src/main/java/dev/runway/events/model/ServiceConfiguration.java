package dev.runway.events.model;

/**
 * Everything a user configures on a service, with defaults applied.
 *
 * @param image                       the image source (code sources arrive with a later issue)
 * @param autoDeploymentsEnabled      redeploy when the watched tag moves
 * @param accessRoleArn               AuthenticationConfiguration.AccessRoleArn, stored as given
 * @param instance                    CPU and memory per instance
 * @param healthCheck                 how instances are checked
 * @param autoScalingConfigurationArn the auto scaling configuration in use
 * @param network                     NetworkConfiguration as given
 * @param observabilityEnabled        ServiceObservabilityConfiguration.ObservabilityEnabled
 * @param observabilityConfigurationArn the observability configuration, when enabled
 * @param kmsKey                      EncryptionConfiguration.KmsKey, stored as given
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
        String kmsKey) {
}
