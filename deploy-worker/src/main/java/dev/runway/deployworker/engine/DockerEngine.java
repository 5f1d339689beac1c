package dev.runway.deployworker.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.runway.deployworker.image.ImageReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one class that speaks to Docker: docker-java over the httpclient5 transport, pinned to
 * engine API 1.41 (Docker 20.10, the engine Runway installs).
 */
public final class DockerEngine implements ContainerEngine, AutoCloseable {

    static final String API_VERSION = "1.41";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String host;
    private final DockerClient client;
    /** For the streams that stay open (a log follow per running instance, the exit watch). */
    private final DockerClient streams;
    private final Duration pullTimeout;
    private final PortForwarders forwarders;
    private final RegistryLogin login;

    private DockerEngine(String host, DockerClient client, DockerClient streams, Duration pullTimeout,
            PortForwarders forwarders, RegistryLogin login) {
        this.host = host;
        this.client = client;
        this.streams = streams;
        this.pullTimeout = pullTimeout;
        this.forwarders = forwarders;
        this.login = login;
    }

    /**
     * A client for the engine at {@code host}; nothing is sent until the first call. Published
     * containers get their forwarders' pid files in a directory of the temporary directory.
     */
    public static DockerEngine connect(String host, Duration pullTimeout) {
        return connect(host, pullTimeout,
                PortForwarders.in(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "runway-forwarders")));
    }

    /** A client for the engine at {@code host} whose published containers are reached through {@code forwarders}. */
    public static DockerEngine connect(String host, Duration pullTimeout, PortForwarders forwarders) {
        return connect(host, pullTimeout, forwarders, null);
    }

    /**
     * As above, pulling from the platform registry with {@code login} (null: without one, so the
     * engine's own settings apply).
     */
    public static DockerEngine connect(String host, Duration pullTimeout, PortForwarders forwarders,
            RegistryLogin login) {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host)
                .withApiVersion(API_VERSION)
                .build();
        // Two pools: each running instance's log follow holds a connection for as long as it runs,
        // so sharing one bounded pool with the requests let 31 live instances take every connection
        // and every request wait minutes for one. Requests keep a small pool of their own.
        return new DockerEngine(host, DockerClientImpl.getInstance(config, http(config, 32)),
                DockerClientImpl.getInstance(config, http(config, MOST_STREAMS)), pullTimeout, forwarders, login);
    }

    /** Streams open at once at most: far beyond the instances one machine runs. */
    static final int MOST_STREAMS = 4096;

    private static ApacheDockerHttpClient http(DefaultDockerClientConfig config, int maxConnections) {
        return new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(maxConnections)
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofMinutes(2))
                .build();
    }

    @Override
    public String version() {
        return call("version", () -> client.versionCmd().exec().getVersion());
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public boolean hasImage(ImageReference image) {
        return call("inspect image " + image, () -> {
            try {
                client.inspectImageCmd(image.value()).exec();
                return true;
            } catch (NotFoundException e) {
                return false;
            }
        });
    }

    @Override
    public String imageUser(ImageReference image) {
        return call("inspect image " + image, () -> {
            var config = client.inspectImageCmd(image.value()).exec().getConfig();
            return config == null || config.getUser() == null ? "" : config.getUser();
        });
    }

    @Override
    public void removeImage(ImageReference image) {
        call("remove image " + image, () -> {
            try {
                client.removeImageCmd(image.value()).exec();
            } catch (NotFoundException e) {
                // already gone
            }
            return null;
        });
    }

    @Override
    public void pull(ImageReference image) {
        call("pull " + image, () -> {
            var pull = client.pullImageCmd(image.repository()).withTag(image.tagOrDigest());
            if (login != null) {
                login.forRepository(image.repository()).ifPresent(pull::withAuthConfig);
            }
            try (var callback = pull.exec(new PullImageResultCallback())) {
                if (!callback.awaitCompletion(pullTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw EngineException.refused("pull " + image,
                            "the pull did not finish within " + pullTimeout.toSeconds() + "s", null);
                }
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw EngineException.refused("pull " + image, "interrupted", e);
            } catch (IOException e) {
                throw EngineException.refused("pull " + image, String.valueOf(e.getMessage()), e);
            }
        });
    }

    @Override
    public List<Container> containers(Map<String, String> labels) {
        return call("list containers", () -> client.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(labels)
                .exec().stream().map(DockerEngine::container).toList());
    }

    @Override
    public List<Container> containersWithLabel(String key) {
        return call("list containers", () -> client.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(List.of(key))
                .exec().stream().map(DockerEngine::container).toList());
    }

    /**
     * What a web app may need of root's powers, and no more: file ownership and permissions, a
     * server dropping to its own user, a port below 1024, signals to its children. Not NET_RAW
     * (sniffing loopback, forging packets), SYS_ADMIN, MKNOD, SETFCAP, SYS_CHROOT or the rest.
     */
    public static final Capability[] WEB_APP_CAPABILITIES = {Capability.CHOWN, Capability.DAC_OVERRIDE, Capability.FOWNER,
            Capability.FSETID, Capability.SETGID, Capability.SETUID, Capability.NET_BIND_SERVICE, Capability.KILL};

    /**
     * In a network namespace of its own, any user may listen on any port: an app run as a user
     * that is not root can still listen on 80. The sysctl is the namespace's, not the host's.
     */
    public static final Map<String, String> NAMESPACE_SYSCTLS = Map.of("net.ipv4.ip_unprivileged_port_start", "0");

    /** Processes (and threads) one instance may run: a fork bomb stops there. */
    public static final long PIDS_LIMIT = 1024;

    /**
     * The engine's side of a spec: where the container's network is, its limits and powers. A
     * forwarded container gets a namespace with loopback only (its forwarder joins it); a bridged
     * one its bridge network, with the engine publishing {@code 127.0.0.1:<host port>} to its port;
     * an unpublished one the host's network.
     */
    static HostConfig hostConfig(ContainerSpec spec) {
        var publish = spec.publish();
        var hostConfig = HostConfig.newHostConfig()
                .withNetworkMode(publish == null ? "host" : publish.forwarded() ? "none" : publish.bridge())
                .withInit(true)
                .withMemory(spec.memoryBytes())
                // no swap beyond the limit: an instance over its memory is killed, as on App Runner
                .withMemorySwap(spec.memoryBytes())
                .withNanoCPUs(spec.nanoCpus())
                // least privilege: an instance runs someone else's code
                .withCapDrop(Capability.ALL)
                .withCapAdd(WEB_APP_CAPABILITIES)
                .withSecurityOpts(List.of("no-new-privileges:true"))
                .withPidsLimit(PIDS_LIMIT);
        if (publish != null) {
            hostConfig.withSysctls(NAMESPACE_SYSCTLS);
        }
        if (publish != null && !publish.forwarded()) {
            hostConfig.withPortBindings(new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", publish.hostPort()),
                    ExposedPort.tcp(publish.containerPort())));
        }
        return hostConfig;
    }

    /** The spec's labels, and for a forwarded container what its forwarder publishes. */
    static Map<String, String> labels(ContainerSpec spec) {
        var labels = new java.util.LinkedHashMap<>(spec.labels());
        if (spec.publish() != null && spec.publish().forwarded()) {
            labels.put(PortForwarders.LABEL, spec.publish().label());
        }
        return labels;
    }

    /**
     * Options of a platform's bridge network for its instances: no traffic between containers
     * (one app cannot reach another's port), ports published on 127.0.0.1 only by default.
     */
    public static final Map<String, String> BRIDGE_OPTIONS = Map.of(
            "com.docker.network.bridge.enable_icc", "false",
            "com.docker.network.bridge.host_binding_ipv4", "127.0.0.1");

    /** The bridge network a bridged container joins, made with {@link #BRIDGE_OPTIONS} when it is missing. */
    private void ensureBridge(String name) {
        call("create network " + name, () -> {
            if (client.listNetworksCmd().withNameFilter(name).exec().stream().noneMatch(n -> name.equals(n.getName()))) {
                try {
                    client.createNetworkCmd().withName(name).withDriver("bridge").withOptions(BRIDGE_OPTIONS)
                            .withLabels(Map.of("dev.runway.instances", "true")).exec();
                } catch (ConflictException raced) {
                    // made by another deploy-worker meanwhile
                }
            }
            return null;
        });
    }

    @Override
    public String create(ContainerSpec spec) {
        if (spec.publish() != null && !spec.publish().forwarded()) {
            ensureBridge(spec.publish().bridge());
        }
        return call("create container " + spec.name(),
                () -> createCommand(client.createContainerCmd(spec.image()), spec).exec().getId());
    }

    /**
     * Everything a container of {@code spec} is created with. The compose stack's Docker socket
     * proxy lets through only what this asks for (socketproxy.ContainerCreatePolicy; its test
     * sends this command's body).
     */
    public static CreateContainerCmd createCommand(CreateContainerCmd cmd, ContainerSpec spec) {
        var env = spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        cmd.withName(spec.name())
                .withLabels(labels(spec))
                .withEnv(env)
                .withHostConfig(hostConfig(spec));
        if (spec.publish() != null && !spec.publish().forwarded()) {
            cmd.withExposedPorts(ExposedPort.tcp(spec.publish().containerPort()));
        }
        if (spec.user() != null) {
            cmd.withUser(spec.user());
        }
        if (spec.entrypoint() != null) {
            cmd.withEntrypoint(spec.entrypoint());
        }
        if (spec.command() != null) {
            cmd.withCmd(spec.command());
        }
        return cmd;
    }

    /** Starts the container and, when it is published, its forwarder. */
    @Override
    public void start(String containerId) {
        call("start container " + shortId(containerId), () -> {
            client.startContainerCmd(containerId).exec();
            return null;
        });
        forward(containerId);
    }

    /**
     * Starts the forwarder of a published container that runs. One that already exited needs none
     * (its exit is what the caller will see); a forwarder that fails for a container that still runs
     * is an {@link EngineException}.
     */
    private void forward(String containerId) {
        var published = published(containerId);
        if (published.isEmpty()) {
            return;
        }
        try {
            forwarders.start(containerId, published.get().pid(), published.get().publish());
        } catch (EngineException e) {
            if (published(containerId).isPresent()) {
                throw e;
            }
        }
    }

    /** A running container's first process and what it publishes; empty when it is not both. */
    private Optional<Published> published(String containerId) {
        return call("inspect container " + shortId(containerId), () -> {
            try {
                var inspected = client.inspectContainerCmd(containerId).exec();
                var state = inspected.getState();
                var labels = inspected.getConfig() == null ? null : inspected.getConfig().getLabels();
                Long pid = state == null ? null : state.getPidLong();
                if (labels == null || !Boolean.TRUE.equals(state.getRunning()) || pid == null || pid <= 0) {
                    return Optional.<Published>empty();
                }
                return ContainerSpec.Publish.parse(labels.get(PortForwarders.LABEL))
                        .map(publish -> new Published(pid, publish));
            } catch (NotFoundException e) {
                return Optional.<Published>empty();
            }
        });
    }

    private record Published(long pid, ContainerSpec.Publish publish) {
    }

    /**
     * Starts the forwarder of every running published container that lacks one (it died, or was
     * never started because the deploy-worker stopped in between), and stops the forwarders of
     * containers that no longer run (they exited or were removed while nobody watched).
     */
    @Override
    public List<String> reconnect(List<Container> containers) {
        var done = new ArrayList<String>();
        var running = new java.util.HashSet<String>();
        for (Container container : containers) {
            if (!container.running() || container.label(PortForwarders.LABEL) == null) {
                continue;
            }
            running.add(container.id());
            if (forwarders.alive(container.id())) {
                continue;
            }
            try {
                forward(container.id());
                if (forwarders.alive(container.id())) {
                    done.add(container.name() + ": its forwarder from 127.0.0.1:"
                            + container.label(PortForwarders.LABEL).replace(":", " to port ") + " was gone → restarted");
                }
            } catch (EngineException e) {
                done.add(container.name() + ": its forwarder was gone and " + e.getMessage());
            }
        }
        for (String id : forwarders.containerIds()) {
            if (!running.contains(id) && published(id).isEmpty()) {
                forwarders.stop(id);
                done.add("container " + shortId(id) + " no longer runs → its forwarder stopped");
            }
        }
        return done;
    }

    @Override
    public Optional<ContainerState> inspect(String containerId) {
        return call("inspect container " + shortId(containerId), () -> {
            try {
                var state = client.inspectContainerCmd(containerId).exec().getState();
                return Optional.of(new ContainerState(
                        Boolean.TRUE.equals(state.getRunning()),
                        state.getStatus(),
                        state.getExitCodeLong() == null ? 0 : state.getExitCodeLong(),
                        Boolean.TRUE.equals(state.getOOMKilled())));
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public Optional<ContainerUsage> usage(String containerId) {
        return call("read the statistics of container " + shortId(containerId), () -> {
            try {
                Long nanoCpus = client.inspectContainerCmd(containerId).exec().getHostConfig().getNanoCPUs();
                var reading = new java.util.concurrent.atomic.AtomicReference<Statistics>();
                // stream=false: the engine answers once, with the previous sampling's counters as precpu
                try (var callback = client.statsCmd(containerId).withNoStream(true)
                        .exec(new ResultCallback.Adapter<Statistics>() {
                            @Override
                            public void onNext(Statistics statistics) {
                                reading.compareAndSet(null, statistics);
                            }
                        })) {
                    callback.awaitCompletion(5, TimeUnit.SECONDS);
                }
                Statistics stats = reading.get();
                if (stats == null || stats.getCpuStats() == null || stats.getMemoryStats() == null
                        || stats.getMemoryStats().getLimit() == null) {
                    return Optional.<ContainerUsage>empty();
                }
                var cpu = stats.getCpuStats();
                var pre = stats.getPreCpuStats();
                long cpuDelta = total(cpu) - (pre == null ? 0 : total(pre));
                long systemDelta = orZero(cpu.getSystemCpuUsage()) - (pre == null ? 0 : orZero(pre.getSystemCpuUsage()));
                var memory = stats.getMemoryStats();
                long used = orZero(memory.getUsage());
                if (memory.getStats() != null) {
                    // cgroup v1 names it total_inactive_file, v2 inactive_file; docker stats subtracts it
                    long inactive = memory.getStats().getTotalInactiveFile() != null
                            ? memory.getStats().getTotalInactiveFile() : orZero(memory.getStats().getInactiveFile());
                    if (inactive < used) {
                        used -= inactive;
                    }
                }
                return Optional.of(ContainerUsage.of(cpuDelta, systemDelta, orZero(cpu.getOnlineCpus()),
                        nanoCpus == null ? 0 : nanoCpus, used, memory.getLimit()));
            } catch (NotFoundException e) {
                return Optional.<ContainerUsage>empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.<ContainerUsage>empty();
            } catch (IOException e) {
                throw EngineException.refused("read the statistics of container " + shortId(containerId),
                        String.valueOf(e.getMessage()), e);
            }
        });
    }

    private static long total(com.github.dockerjava.api.model.CpuStatsConfig cpu) {
        return cpu.getCpuUsage() == null ? 0 : orZero(cpu.getCpuUsage().getTotalUsage());
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    @Override
    public List<String> logTail(String containerId, int lines) {
        return call("read the log of container " + shortId(containerId), () -> {
            var out = new StringBuilder();
            try (var callback = client.logContainerCmd(containerId)
                    .withStdOut(true)
                    .withStdErr(true)
                    .withTail(lines)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    })) {
                callback.awaitCompletion(5, TimeUnit.SECONDS);
            } catch (NotFoundException e) {
                return List.<String>of();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                throw EngineException.refused("read the log of container " + shortId(containerId),
                        String.valueOf(e.getMessage()), e);
            }
            var all = Arrays.stream(out.toString().split("\\r?\\n")).filter(l -> !l.isEmpty()).toList();
            return new ArrayList<>(all.subList(Math.max(0, all.size() - lines), all.size()));
        });
    }

    @Override
    public Follow followLog(String containerId, int tail, LogSink sink) {
        var callback = new EngineStream<Frame>() {
            // a frame may end inside a line (long lines are split): the rest waits for the next
            private final StringBuilder[] partial = {new StringBuilder(), new StringBuilder()};

            @Override
            public void onNext(Frame frame) {
                boolean stderr = frame.getStreamType() == com.github.dockerjava.api.model.StreamType.STDERR;
                StringBuilder buffer = partial[stderr ? 1 : 0];
                buffer.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                int end;
                while ((end = buffer.indexOf("\n")) >= 0) {
                    emit(buffer.substring(0, end), stderr);
                    buffer.delete(0, end + 1);
                }
            }

            private void emit(String stamped, boolean stderr) {
                // with timestamps, each line starts "<RFC 3339 with nanoseconds> "
                int space = stamped.indexOf(' ');
                String stamp = space > 0 ? stamped.substring(0, space) : "";
                java.time.Instant at;
                try {
                    at = java.time.Instant.parse(stamp);
                } catch (java.time.format.DateTimeParseException e) {
                    at = java.time.Instant.now();
                    stamp = "";
                    space = -1;
                }
                String line = stamped.substring(space + 1);
                sink.line(stamp, at, stderr, line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            }

        };
        call("follow the log of container " + shortId(containerId), () -> streams.logContainerCmd(containerId)
                .withStdOut(true)
                .withStdErr(true)
                .withFollowStream(true)
                .withTimestamps(true)
                .withTail(tail)
                .exec(callback));
        return callback;
    }

    @Override
    public void stop(String containerId, Duration grace) {
        call("stop container " + shortId(containerId), () -> {
            try {
                client.stopContainerCmd(containerId).withTimeout((int) Math.max(0, grace.toSeconds())).exec();
            } catch (NotFoundException | NotModifiedException e) {
                // gone or already stopped: what we wanted
            }
            return null;
        });
        // the app is gone: nothing listens inside, and the host port must refuse, not accept and drop
        forwarders.stop(containerId);
    }

    @Override
    public void remove(String containerId) {
        call("remove container " + shortId(containerId), () -> {
            try {
                client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException e) {
                // already gone
            } catch (ConflictException e) {
                if (!String.valueOf(e.getMessage()).contains("already in progress")) {
                    throw e;
                }
            }
            return null;
        });
        forwarders.stop(containerId);
    }

    @Override
    public void close() throws IOException {
        try {
            streams.close();
        } finally {
            client.close();
        }
    }

    private static Container container(com.github.dockerjava.api.model.Container c) {
        String name = c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0];
        return new Container(c.getId(), name.startsWith("/") ? name.substring(1) : name,
                c.getLabels() == null ? Map.of() : c.getLabels(), c.getState());
    }

    /** Runs one engine request; whatever goes wrong becomes an {@link EngineException} in the engine's words. */
    @Override
    public Follow watchExits(String key, String value, Consumer<String> onExit) {
        var callback = new EngineStream<Event>() {

            @Override
            public void onNext(Event event) {
                if (event.getId() != null) {
                    // at once, so the router's connections are refused (and go elsewhere), not dropped
                    forwarders.stop(event.getId());
                    onExit.accept(event.getId());
                }
            }

        };
        call("watch container exits", () -> streams.eventsCmd()
                .withEventTypeFilter(EventType.CONTAINER)
                .withEventFilter("die")
                .withLabelFilter(Map.of(key, value))
                .exec(callback));
        return callback;
    }

    /** A stream the engine sends until it ends or is closed; {@link #active()} says which. */
    private abstract static class EngineStream<T> extends ResultCallback.Adapter<T> implements Follow {

        private volatile boolean ended;

        @Override
        public void onError(Throwable error) {
            ended = true;
            super.onError(error);
        }

        @Override
        public void onComplete() {
            ended = true;
            super.onComplete();
        }

        @Override
        public boolean active() {
            return !ended;
        }

        @Override
        public void close() {
            ended = true;
            try {
                super.close();
            } catch (IOException e) {
                // the stream is gone either way
            }
        }
    }

    private <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (EngineException e) {
            throw e;
        } catch (DockerException e) {
            throw EngineException.refused(what, engineMessage(e), e);
        } catch (RuntimeException e) {
            throw EngineException.noAnswer(what, rootMessage(e), e);
        }
    }

    /** Docker answers {@code {"message":"..."}}; docker-java prefixes it with {@code Status 404: }. */
    static String engineMessage(DockerException e) {
        String message = String.valueOf(e.getMessage()).strip();
        int brace = message.indexOf('{');
        if (brace >= 0) {
            try {
                var node = JSON.readTree(message.substring(brace));
                if (node.hasNonNull("message")) {
                    return node.get("message").asText().strip();
                }
            } catch (IOException ignored) {
                // not JSON after all
            }
        }
        return message.replaceFirst("^Status \\d+: ", "");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static String shortId(String containerId) {
        return containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
    }
}
