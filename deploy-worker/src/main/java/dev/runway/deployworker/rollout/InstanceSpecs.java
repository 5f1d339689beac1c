package dev.runway.deployworker.rollout;

import dev.runway.deployworker.engine.ContainerSpec;
import dev.runway.deployworker.engine.InstanceNetwork;
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

    /** App Runner's default when ImageConfiguration.Port (or run.network.port) is not given. */
    static final int DEFAULT_PORT = 8080;

    /**
     * Who an app runs as when its image names no user, or root: nobody (65534), never root. The
     * image's own {@code USER} is honoured when it is another user.
     */
    static final String NON_ROOT = "65534:65534";

    /** {@code runway-<platform>-<service>-r<revision>-<instance>}, lower case. */
    static String containerName(String platformId, String serviceName, int revision, String instanceId) {
        return "runway-" + nameSafe(platformId) + "-" + nameSafe(serviceName) + "-r" + revision + "-" + instanceId;
    }

    /**
     * @param port    the host-loopback port the platform reaches the instance on
     * @param network in a namespace of its own (or on a bridge network), the app listens on its
     *                declared port and the host port is published to it; on the host network it
     *                listens on the host port itself
     * @param values  the resolved values of the revision's secret references, one for every
     *                variable in {@code RuntimeEnvironmentSecrets}
     * @param imageUser the image's {@code USER} ({@link #runAs})
     * @throws IllegalArgumentException when the declared port is no port, or a secret has no value
     */
    static ContainerSpec spec(DeployRevision command, ImageReference image, String platformId, String instanceId,
            int port, InstanceNetwork network, SecretValues values, String imageUser) {
        var labels = Labels.ofRevision(platformId, command.serviceArn(), command.revision());
        labels.put(Labels.SERVICE_NAME, command.serviceName());
        labels.put(Labels.INSTANCE, instanceId);
        labels.put(Labels.PORT, Integer.toString(port));
        labels.put(Labels.OPERATION, String.valueOf(command.operationId()));

        InstanceSize size = command.instance() == null ? InstanceSize.defaults() : command.instance();
        String startCommand = command.image().startCommand();
        boolean overridden = startCommand != null && !startCommand.isBlank();
        boolean isolated = network != InstanceNetwork.HOST;
        int appPort = isolated ? declaredPort(command.image()) : port;
        return new ContainerSpec(
                containerName(platformId, command.serviceName(), command.revision(), instanceId),
                image.value(),
                labels,
                environment(command.image(), values, appPort),
                overridden ? List.of("/bin/sh", "-c") : null,
                overridden ? List.of(startCommand) : null,
                Limits.memoryBytes(size.memoryMb()),
                Limits.nanoCpus(size.cpuUnits()),
                isolated ? new ContainerSpec.Publish(port, appPort,
                        network == InstanceNetwork.BRIDGE ? InstanceNetwork.bridgeName(platformId) : null) : null,
                runAs(imageUser));
    }

    /**
     * The user an instance runs as: null (the image's own) when the image names a user other than
     * root, else {@value #NON_ROOT}. Root in a container shares the host's uid 0 (the engine has no
     * user-namespace remap), so no app runs as root, as on OpenShift; an app that needs root's files
     * must be built to run as another user (docs/security.md).
     */
    static String runAs(String imageUser) {
        return ContainerSpec.namesRoot(imageUser) ? NON_ROOT : null;
    }

    /**
     * The port the app says it listens on (ImageConfiguration.Port, CodeConfigurationValues.Port or
     * apprunner.yaml's run.network.port), {@value #DEFAULT_PORT} when it says none.
     *
     * @throws IllegalArgumentException when it is not a port number
     */
    static int declaredPort(ImageSource source) {
        String declared = source.port() == null ? "" : source.port().strip();
        if (declared.isEmpty()) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(declared);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("The service's Port \"" + declared + "\" is not a port number (1 to 65535)");
    }

    /**
     * The service's variables, then each secret variable with its resolved value (never the
     * reference), then {@code PORT}, which Runway owns: the port the app is to listen on.
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
