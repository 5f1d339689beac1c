package dev.runway.deployworker.rollout;

import dev.runway.deployworker.config.WorkerConfig;
import dev.runway.deployworker.secrets.RegistrySecretResolver;
import dev.runway.deployworker.secrets.SecretResolver;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.random.RandomGenerator;

/** Builds the rollout's collaborators from the configuration. */
@Singleton
class RolloutWiring {

    @Produces
    @Singleton
    DeploySettings settings(WorkerConfig config) {
        return new DeploySettings(config.platformId(), config.imageRegistry(), config.deploy().readyTimeout(),
                config.deploy().pollInterval(), config.deploy().stopGrace(), config.deploy().drain(),
                config.instances().network());
    }

    @Produces
    @Singleton
    RandomGenerator random() {
        return new SecureRandom();
    }

    @Produces
    @Singleton
    PortAllocator ports(WorkerConfig config, RandomGenerator random) {
        return PortAllocator.onLoopback(PortRange.parse(config.instances().portRange()), random);
    }

    @Produces
    @Singleton
    InstanceProbe probe() {
        return new NetworkProbe();
    }

    /** The values of secret references, from the service-registry, each call within 5 s. */
    @Produces
    @Singleton
    SecretResolver secrets(WorkerConfig config) {
        return new RegistrySecretResolver(config.serviceRegistry().url(), Duration.ofSeconds(5));
    }

    /** Scale-downs drain in the background, off the command thread. */
    @Produces
    @Singleton
    Drains drains() {
        return Drains.background();
    }

    void closeDrains(@jakarta.enterprise.inject.Disposes Drains drains) {
        if (drains instanceof Drains.Background background) {
            background.close();
        }
    }

    @Produces
    @Singleton
    Ticker ticker() {
        return Ticker.system();
    }
}
