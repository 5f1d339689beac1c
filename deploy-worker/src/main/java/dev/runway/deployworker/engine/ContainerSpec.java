package dev.runway.deployworker.engine;

import java.util.List;
import java.util.Map;

/**
 * A container to create, with an init process as PID 1 (so signals reach the app and a stop is
 * graceful), and with hard memory and CPU limits. Without {@link #publish()} it runs on the host
 * network (the app listens on a host port itself); with it, in a network namespace of its own
 * reached from the host through {@code 127.0.0.1:hostPort}: one with nothing but loopback that a
 * pasta forwarder joins, or one on a Docker bridge network that the engine publishes to.
 *
 * @param name        the container's name
 * @param image       the image reference, as the engine knows it
 * @param labels      labels that find the container again
 * @param env         environment variables; values may be secret and never appear in {@link #toString()}
 * @param entrypoint  replaces the image's entrypoint when not null
 * @param command     replaces the image's command when not null
 * @param memoryBytes hard memory limit
 * @param nanoCpus    CPU limit in billionths of a CPU
 * @param publish     where the host reaches the app in its own namespace; null for the host network
 * @param user        the user the app runs as; null for the image's own {@code USER}
 */
public record ContainerSpec(
        String name,
        String image,
        Map<String, String> labels,
        Map<String, String> env,
        List<String> entrypoint,
        List<String> command,
        long memoryBytes,
        long nanoCpus,
        Publish publish,
        String user) {

    /**
     * The app listens on {@code containerPort} inside its namespace; the host reaches it on
     * {@code 127.0.0.1:hostPort}: through a pasta forwarder when {@code bridge} is null, else
     * published by the engine from the Docker bridge network of that name.
     */
    public record Publish(int hostPort, int containerPort, String bridge) {

        public Publish {
            if (hostPort < 1 || hostPort > 65535 || containerPort < 1 || containerPort > 65535) {
                throw new IllegalArgumentException("not a port: " + hostPort + " -> " + containerPort);
            }
        }

        /** Through a pasta forwarder into a namespace with nothing but loopback. */
        public Publish(int hostPort, int containerPort) {
            this(hostPort, containerPort, null);
        }

        /** Whether a forwarder brings the port in (else the engine publishes it from a bridge network). */
        public boolean forwarded() {
            return bridge == null;
        }

        /** {@code 20417:8080}, as the engine's label keeps it. */
        public String label() {
            return hostPort + ":" + containerPort;
        }

        /** The label's value read back; empty when it is missing or not of that shape. */
        public static java.util.Optional<Publish> parse(String label) {
            if (label == null) {
                return java.util.Optional.empty();
            }
            String[] parts = label.split(":", -1);
            try {
                return parts.length == 2
                        ? java.util.Optional.of(new Publish(Integer.parseInt(parts[0]), Integer.parseInt(parts[1])))
                        : java.util.Optional.empty();
            } catch (IllegalArgumentException e) {
                return java.util.Optional.empty();
            }
        }
    }

    /**
     * Whether a {@code USER} value ({@code name|uid[:group|gid]}) is root: empty (the engine's
     * default), {@code root} or uid 0. A name is taken as it reads; the image's passwd is not read.
     */
    public static boolean namesRoot(String user) {
        String u = user == null ? "" : user.strip();
        int colon = u.indexOf(':');
        String name = (colon < 0 ? u : u.substring(0, colon)).strip();
        return name.isEmpty() || name.equals("root")
                || (name.chars().allMatch(Character::isDigit) && name.chars().allMatch(c -> c == '0'));
    }

    /** A container that runs as its image's user. */
    public ContainerSpec(String name, String image, Map<String, String> labels, Map<String, String> env,
            List<String> entrypoint, List<String> command, long memoryBytes, long nanoCpus, Publish publish) {
        this(name, image, labels, env, entrypoint, command, memoryBytes, nanoCpus, publish, null);
    }

    /** A container on the host network. */
    public ContainerSpec(String name, String image, Map<String, String> labels, Map<String, String> env,
            List<String> entrypoint, List<String> command, long memoryBytes, long nanoCpus) {
        this(name, image, labels, env, entrypoint, command, memoryBytes, nanoCpus, null, null);
    }

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
                + ", memoryBytes=" + memoryBytes + ", nanoCpus=" + nanoCpus
                + ", publish=" + (publish == null ? "host network" : publish.label())
                + ", user=" + (user == null ? "the image's" : user) + "]";
    }
}
