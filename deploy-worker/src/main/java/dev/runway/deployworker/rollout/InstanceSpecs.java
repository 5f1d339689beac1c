package dev.runway.deployworker.rollout;

import dev.runway.deployworker.engine.ContainerSpec;
import dev.runway.deployworker.image.ImageReference;
import dev.runway.deployworker.secrets.SecretValues;
import dev.runway.events.deploy.DeployRevision;
import dev.runway.events.model.ImageSource;
import dev.runway.events.model.InstanceSize;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** What one instance of a revision looks like as a container. */
final class InstanceSpecs {

    /** {@code runway-<platform>-<service>-r<revision>-<instance>}, lower case. */
    static String containerName(String platformId, String serviceName, int revision, String instanceId) {
        return "runway-" + nameSafe(platformId) + "-" + nameSafe(serviceName) + "-r" + revision + "-" + instanceId;
    }

    /**
     * @param values the resolved values of the revision's secret references, one for every
     *               variable in {@code RuntimeEnvironmentSecrets}
     */
    static ContainerSpec spec(DeployRevision command, ImageReference image, String platformId, String instanceId,
            int port, SecretValues values) {
        var labels = Labels.ofRevision(platformId, command.serviceArn(), command.revision());
        labels.put(Labels.SERVICE_NAME, command.serviceName());
        labels.put(Labels.INSTANCE, instanceId);
        labels.put(Labels.PORT, Integer.toString(port));
        labels.put(Labels.OPERATION, String.valueOf(command.operationId()));

        InstanceSize size = command.instance() == null ? InstanceSize.defaults() : command.instance();
        String startCommand = command.image().startCommand();
        boolean overridden = startCommand != null && !startCommand.isBlank();
        return new ContainerSpec(
                containerName(platformId, command.serviceName(), command.revision(), instanceId),
                image.value(),
                labels,
                environment(command.image(), values, port),
                overridden ? List.of("/bin/sh", "-c") : null,
                overridden ? List.of(startCommand) : null,
                Limits.memoryBytes(size.memoryMb()),
                Limits.nanoCpus(size.cpuUnits()));
    }

    /**
     * The service's variables, then each secret variable with its resolved value (never the
     * reference), then {@code PORT}, which Runway owns.
     *
     * @throws IllegalArgumentException when a secret variable has no resolved value
     */
    static Map<String, String> environment(ImageSource source, SecretValues values, int port) {
        var env = new LinkedHashMap<String, String>();
        env.putAll(new TreeMap<>(source.environment()));
        for (String variable : new TreeSet<>(source.secrets().keySet())) {
            env.put(variable, values.of(variable));
        }
        env.remove("PORT");
        env.put("PORT", Integer.toString(port));
        return env;
    }

    private static String nameSafe(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "-");
    }

    private InstanceSpecs() {
    }
}
