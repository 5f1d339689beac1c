package dev.runway.deployworker.rollout;

import dev.runway.deployworker.engine.InstanceNetwork;
import java.time.Duration;

/**
 * The settings a rollout needs, read once from {@code WorkerConfig}.
 *
 * @param platformId    value of the {@code dev.runway.platform} label
 * @param imageRegistry the platform registry, e.g. {@code 127.0.0.1:5000}
 * @param readyTimeout  how long instances may take to pass their health checks
 * @param pollInterval  pause between health-check rounds
 * @param stopGrace     SIGTERM to SIGKILL when an instance is stopped
 * @param drain         how long a retired revision keeps serving requests already sent to it
 * @param network       whether instances run in namespaces of their own or on the host network
 */
record DeploySettings(String platformId, String imageRegistry, Duration readyTimeout, Duration pollInterval,
        Duration stopGrace, Duration drain, InstanceNetwork network) {

    /** Instances on the host network. */
    DeploySettings(String platformId, String imageRegistry, Duration readyTimeout, Duration pollInterval,
            Duration stopGrace, Duration drain) {
        this(platformId, imageRegistry, readyTimeout, pollInterval, stopGrace, drain, InstanceNetwork.HOST);
    }
}
