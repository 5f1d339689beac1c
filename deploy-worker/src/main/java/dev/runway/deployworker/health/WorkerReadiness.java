package dev.runway.deployworker.health;

import dev.runway.deployworker.config.WorkerConfig;
import dev.runway.events.Topics;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** {@code /q/health/ready}: DOWN until the Docker engine answered and the command consumer joined its group. */
@Readiness
@Singleton
class WorkerReadiness implements HealthCheck {

    private final WorkerStatus status;
    private final WorkerConfig config;

    @Inject
    WorkerReadiness(WorkerStatus status, WorkerConfig config) {
        this.status = status;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        String engine = status.engineVersion();
        return HealthCheckResponse.named("deploy-worker")
                .status(status.ready())
                .withData("engine", engine == null ? "no answer yet from " + config.docker().host()
                        : "Docker " + engine + " at " + config.docker().host())
                .withData("consumer", status.consuming() ? "consuming " + Topics.DEPLOY_COMMANDS
                        : "not yet in group deploy-worker")
                .withData("platform-id", config.platformId())
                .build();
    }
}
