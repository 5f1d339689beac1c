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
        return DockerEngine.connect(config.docker().host(), config.deploy().pullTimeout());
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
