package dev.runway.deployworker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Everything the deploy-worker is configured with ({@code runway.*} in application.properties). */
@ConfigMapping(prefix = "runway")
public interface WorkerConfig {

    Kafka kafka();

    Docker docker();

    /** The platform image registry that plays ECR's role, e.g. {@code 127.0.0.1:5000}. */
    String imageRegistry();

    /** The value of the {@code dev.runway.platform} label; two platforms on one engine never touch each other's containers. */
    String platformId();

    Instances instances();

    Deploy deploy();

    ServiceRegistry serviceRegistry();

    Reconcile reconcile();

    Metrics metrics();

    interface Metrics {
        /** How often each running instance's CPU and memory is read and published (InstancesMeasured). */
        @WithDefault("5s")
        Duration usageInterval();
    }

    interface ServiceRegistry {
        /** Base URL of the service-registry's query API: the desired state. */
        String url();
    }

    interface Reconcile {
        /** How often desired state is compared with the containers found. */
        @WithDefault("5s")
        Duration interval();
    }

    interface Kafka {
        /** Bootstrap servers of the Runway Kafka cluster. */
        String bootstrapServers();
    }

    interface Docker {
        /** The Docker engine, e.g. {@code unix:///var/run/docker.sock}. */
        String host();

        /** The worker's user at the platform image registry (RUNWAY_REGISTRY_USERNAME: its component name). */
        java.util.Optional<String> registryUsername();

        /** The file with its registry password (RUNWAY_REGISTRY_PASSWORD_FILE), made at first start. */
        java.util.Optional<String> registryPasswordFile();
    }

    interface Instances {
        /**
         * Host-loopback ports the platform reaches instances on, {@code first-last}; each instance gets
         * one. On the host network the app listens on it itself (as {@code PORT}).
         */
        String portRange();

        /**
         * {@code namespace}: each instance in a network namespace of its own, listening on its declared
         * port, reached through a pasta forwarder; {@code bridge}: the same on a Docker bridge network
         * that the engine publishes from (hosts that allow a bridge); {@code host}: on the host network,
         * listening on {@code 127.0.0.1:$PORT} (no isolation; for machines without pasta).
         */
        @WithDefault("namespace")
        dev.runway.deployworker.engine.InstanceNetwork network();

        /** Where the forwarders' pid files live, a directory per platform id below it. */
        @WithDefault("/run/runway/forwarders")
        String forwarders();
    }

    interface Deploy {
        /** How long a revision's instances may take to pass their health checks. */
        @WithDefault("60s")
        Duration readyTimeout();

        /** How often health checks are attempted while a revision rolls out. */
        @WithDefault("250ms")
        Duration pollInterval();

        /** How long a stopping instance gets between SIGTERM and SIGKILL. */
        @WithDefault("10s")
        Duration stopGrace();

        /** How long a retired revision's instances keep running after traffic left them, so requests in flight finish. */
        @WithDefault("2s")
        Duration drain();

        /** How long pulling an image from the registry may take. */
        @WithDefault("5m")
        Duration pullTimeout();

        /** How many services' commands run at once (one service's always one after another). */
        @WithDefault("4")
        int parallelCommands();
    }
}
