package dev.runway.deployworker.engine;

import java.util.List;
import java.util.Map;

/**
 * A container to create: always on the host network, with an init process as PID 1 (so signals
 * reach the app and a stop is graceful), and with hard memory and CPU limits.
 *
 * @param name        the container's name
 * @param image       the image reference, as the engine knows it
 * @param labels      labels that find the container again
 * @param env         environment variables; values may be secret and never appear in {@link #toString()}
 * @param entrypoint  replaces the image's entrypoint when not null
 * @param command     replaces the image's command when not null
 * @param memoryBytes hard memory limit
 * @param nanoCpus    CPU limit in billionths of a CPU
 */
public record ContainerSpec(
        String name,
        String image,
        Map<String, String> labels,
        Map<String, String> env,
        List<String> entrypoint,
        List<String> command,
        long memoryBytes,
        long nanoCpus) {

    public ContainerSpec {
        labels = Map.copyOf(labels);
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        command = command == null ? null : List.copyOf(command);
    }

    /** Names the environment variables, never their values. */
    @Override
    public String toString() {
        return "ContainerSpec[name=" + name + ", image=" + image + ", labels=" + labels + ", env=" + env.keySet()
                + ", entrypoint=" + entrypoint + ", command=" + (command == null ? null : "<" + command.size() + " args>")
                + ", memoryBytes=" + memoryBytes + ", nanoCpus=" + nanoCpus + "]";
    }
}
