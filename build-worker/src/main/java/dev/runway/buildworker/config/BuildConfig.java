package dev.runway.buildworker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The build-worker's settings; each maps to a RUNWAY_* variable (docs/configuration.md). */
@ConfigMapping(prefix = "runway")
public interface BuildConfig {

    Kafka kafka();

    /** The platform image registry built images are pushed to, e.g. {@code 127.0.0.1:5000}. */
    String imageRegistry();

    /** The repository checkout: deploy/images/runtime/build.sh builds the runtime base images. */
    String root();

    /** The profile's state directory: checkouts and deployment logs live under it. */
    String home();

    Docker docker();

    Build build();

    AutoDeploy autoDeploy();

    ServiceRegistry serviceRegistry();

    Git git();

    interface Git {
        /** The directory {@code file://} repositories must be under ({@code RUNWAY_GIT_FILE_ROOT}); unset: none. */
        java.util.Optional<String> fileRoot();

        /** Internal git hosts that may be cloned from after all ({@code RUNWAY_GIT_HOST_ALLOW}; net.AddressGuard). */
        java.util.Optional<String> hostAllow();

        /** The ports of the platform's components: never cloned from. */
        java.util.List<Integer> platformPorts();
    }

    interface ServiceRegistry {
        /** Base URL of the service-registry's query API. */
        String url();
    }

    interface AutoDeploy {
        /** How often the branches of code services with AutoDeploymentsEnabled are polled; 0 turns polling off. */
        @WithDefault("10s")
        Duration pollInterval();
    }

    interface Kafka {
        String bootstrapServers();
    }

    interface Docker {
        String host();

        /** The worker's user at the platform image registry (RUNWAY_REGISTRY_USERNAME: its component name). */
        java.util.Optional<String> registryUsername();

        /** The file with its registry password (RUNWAY_REGISTRY_PASSWORD_FILE), made at first start. */
        java.util.Optional<String> registryPasswordFile();
    }

    interface Build {
        /** The longest a build may run (clone, commands, push) before it fails. */
        @WithDefault("15m")
        Duration timeout();

        /** How many lines of the build log a failure's reason quotes. */
        @WithDefault("12")
        int failureLines();
    }
}
