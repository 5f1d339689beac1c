package dev.runway.deployworker.engine;

import dev.runway.deployworker.config.WorkerConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the Docker adapter available for injection and closes it on shutdown. */
@Singleton
class EngineProducer {

    @Produces
    @Singleton
    ContainerEngine engine(WorkerConfig config) {
        var forwarders = PortForwarders.in(java.nio.file.Path.of(config.instances().forwarders(), config.platformId()));
        if (config.instances().network() == InstanceNetwork.NAMESPACE) {
            if (PortForwarders.pasta().isEmpty()) {
                Log.errorf("instances run in namespaces of their own (runway.instances.network=namespace), but pasta "
                        + "is not installed (Debian package passt): every deployment will fail until it is, or until "
                        + "RUNWAY_INSTANCE_NETWORK=host");
            } else {
                Log.infof("instances run in network namespaces of their own, reached through pasta forwarders (pid "
                        + "files in %s)", forwarders.directory());
            }
        } else if (config.instances().network() == InstanceNetwork.BRIDGE) {
            Log.infof("instances run on the Docker bridge network %s (traffic between containers off, ports published"
                    + " on 127.0.0.1)", InstanceNetwork.bridgeName(config.platformId()));
        } else {
            Log.warnf("instances run on the host network (runway.instances.network=host): an app can reach every "
                    + "port of this machine");
        }
        RegistryLogin login = null;
        if (config.docker().registryUsername().isPresent() && config.docker().registryPasswordFile().isPresent()) {
            login = new RegistryLogin(config.imageRegistry(), config.docker().registryUsername().get(),
                    java.nio.file.Path.of(config.docker().registryPasswordFile().get()));
        } else {
            Log.warn("no RUNWAY_REGISTRY_USERNAME / RUNWAY_REGISTRY_PASSWORD_FILE: images are pulled from the platform"
                    + " registry without a login of the deploy-worker's own");
        }
        return DockerEngine.connect(config.docker().host(), config.deploy().pullTimeout(), forwarders, login);
    }

    void close(@Disposes ContainerEngine engine) {
        if (engine instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                Log.debugf("closing the Docker client: %s", e.getMessage());
            }
        }
    }
}
