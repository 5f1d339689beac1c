package dev.runway.deployworker.engine;

import dev.runway.deployworker.engine.ContainerSpec.Publish;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The way from the host into an instance's own network namespace: one {@code pasta} process (Debian
 * package {@code passt}, as rootless Podman uses it) per container, joined to the container's
 * namespace, listening on {@code 127.0.0.1:hostPort} of the host and splicing each connection to
 * {@code 127.0.0.1:containerPort} inside. Nothing is forwarded the other way: the app has loopback of
 * its own and an interface with no address or route, so it reaches neither the host's ports nor
 * anything else.
 *
 * <p>A forwarder is a daemon of its own (it outlives a deploy-worker restart, so instances keep
 * serving), found again through its pid file {@code <directory>/<container id>.pid}; its command
 * line names that file, which tells it apart from an unrelated process that reused the pid. The
 * engine starts one after the container starts and stops it when the container stops, exits or
 * is removed; {@link ContainerEngine#reconnect} repairs what happened meanwhile.
 */
public final class PortForwarders {

    /** The engine label that says a container is published, {@code hostPort:containerPort}. */
    public static final String LABEL = "dev.runway.publish";
    static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);
    /** The namespace reaches pasta as an inherited descriptor: it drops the powers to open /proc/PID/ns itself. */
    static final String NAMESPACE_FD = "3";

    private final Path directory;

    private PortForwarders(Path directory) {
        this.directory = directory;
    }

    /** Forwarders whose pid files live in {@code directory} (one per platform: it is swept). */
    public static PortForwarders in(Path directory) {
        return new PortForwarders(directory);
    }

    public Path directory() {
        return directory;
    }

    /**
     * pasta's arguments: join the namespace behind descriptor 3 and stay root to do so, forward
     * host TCP {@code 127.0.0.1:hostPort} to {@code containerPort} inside, and nothing else: no
     * port from inside to the host (-T/-U none), no UDP or ICMP, no DHCP, NDP or router
     * advertisements to configure the app's interface from, no gateway mapped to the host's
     * loopback, IPv4 only. It daemonizes and writes its pid to {@code pidFile}.
     */
    static List<String> arguments(Publish publish, Path pidFile) {
        return List.of("--quiet",
                "--runas", "0:0",
                "--netns", "/proc/self/fd/" + NAMESPACE_FD,
                "--pid", pidFile.toString(),
                "--tcp-ports", "127.0.0.1/" + publish.hostPort() + ":" + publish.containerPort(),
                "--tcp-ns", "none",
                "--udp-ports", "none",
                "--udp-ns", "none",
                "--no-udp", "--no-icmp", "--no-dhcp", "--no-dhcpv6", "--no-ndp", "--no-ra", "--no-map-gw",
                "--ipv4-only");
    }

    /**
     * The whole command: a shell opens the container's namespace as descriptor 3 (root with every
     * capability may; pasta, having dropped them, may not) and becomes pasta.
     */
    static List<String> command(String pasta, long containerPid, Publish publish, Path pidFile) {
        var command = new ArrayList<String>(List.of("/bin/sh", "-c",
                "exec \"$@\" " + NAMESPACE_FD + "</proc/" + containerPid + "/ns/net", "sh", pasta));
        command.addAll(arguments(publish, pidFile));
        return command;
    }

    Path pidFile(String containerId) {
        return directory.resolve(containerId + ".pid");
    }

    /**
     * Starts the forwarder of a running container unless a live one exists.
     *
     * @param containerPid the container's first process, as the host sees it
     * @throws EngineException with pasta's own words when it refuses (a port already bound, say)
     */
    public synchronized void start(String containerId, long containerPid, Publish publish) {
        if (alive(containerId)) {
            return;
        }
        String what = "forward 127.0.0.1:" + publish.hostPort() + " to port " + publish.containerPort()
                + " of container " + shortId(containerId);
        String pasta = pasta().orElseThrow(() -> EngineException.refused(what, "pasta is not installed (Debian "
                + "package passt): install it, or set RUNWAY_INSTANCE_NETWORK=host to run instances on the host "
                + "network without a namespace of their own", null));
        Path pidFile = pidFile(containerId);
        try {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw EngineException.refused(what, "cannot use " + directory + ": " + e.getMessage(), e);
        }
        String said;
        int exit;
        try {
            Process process = new ProcessBuilder(command(pasta, containerPid, publish, pidFile))
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            // pasta binds the port, forks its daemon, writes the pid file and exits: a few milliseconds
            if (!process.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw EngineException.refused(what, "pasta did not start within " + START_TIMEOUT.toSeconds() + "s",
                        null);
            }
            exit = process.exitValue();
            said = words(process.getInputStream());
        } catch (IOException e) {
            throw EngineException.refused(what, "cannot run pasta: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EngineException.refused(what, "interrupted", e);
        }
        if (exit != 0 || !alive(containerId)) {
            throw EngineException.refused(what, "pasta exited with " + exit + (said.isEmpty() ? "" : ": " + said),
                    null);
        }
    }

    /** Stops the container's forwarder; none (or one that already ended) is fine. */
    public synchronized void stop(String containerId) {
        Path pidFile = pidFile(containerId);
        forwarder(containerId).ifPresent(process -> {
            // SIGKILL: it keeps no state, and it takes a second to notice a SIGTERM, while the port it
            // holds should refuse (so the router tries another instance) the moment the app is gone
            process.destroyForcibly();
            // not our child (it daemonized): onExit() would poll every 300 ms and more; and once
            // killed it is a zombie until its new parent reaps it, which some init processes do
            // only every second or two: the port is free as soon as it exited
            long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
            while (running(process.pid()) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // it names no live process any more; the next sweep tries again
        }
    }

    /** Whether the container's forwarder runs. */
    public boolean alive(String containerId) {
        return forwarder(containerId).isPresent();
    }

    /** The containers that have a pid file here, live or not. */
    public Set<String> containerIds() {
        if (!Files.isDirectory(directory)) {
            return Set.of();
        }
        try (var files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".pid"))
                    .map(n -> n.substring(0, n.length() - ".pid".length())).collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            return Set.of();
        }
    }

    /** The live pasta process that the container's pid file names, if its command line names that file. */
    private Optional<ProcessHandle> forwarder(String containerId) {
        Path pidFile = pidFile(containerId);
        OptionalLong pid = readPid(pidFile);
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(pid.getAsLong()), "cmdline"));
            var args = List.of(new String(cmdline, StandardCharsets.UTF_8).split("\0"));
            if (!args.contains(pidFile.toString()) || args.stream().noneMatch(a -> a.endsWith("pasta"))) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid.getAsLong()).filter(ProcessHandle::isAlive);
    }

    /** Whether the process runs: it exists and has not exited (a zombie, Z, or dead, X, has). */
    static boolean running(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            return false;
        }
        // "pid (comm) S ...": comm may hold spaces and parentheses, the state follows the last ')'
        int close = stat.lastIndexOf(')');
        if (close < 0 || close + 2 >= stat.length()) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        char state = stat.charAt(close + 2);
        return state != 'Z' && state != 'X' && state != 'x';
    }

    private static OptionalLong readPid(Path pidFile) {
        try {
            String text = Files.readString(pidFile).strip();
            return text.matches("[0-9]{1,10}") ? OptionalLong.of(Long.parseLong(text)) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** pasta on the PATH, or in /usr/bin where Debian puts it. */
    public static Optional<String> pasta() {
        var dirs = new ArrayList<String>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.add("/usr/bin");
        return dirs.stream().filter(d -> !d.isBlank()).map(d -> Path.of(d, "pasta"))
                .filter(Files::isExecutable).map(Path::toString).findFirst();
    }

    /** What pasta said, without the lines about the system logger it has no access to. */
    private static String words(InputStream output) throws IOException {
        return new String(output.readAllBytes(), StandardCharsets.UTF_8)
                .replaceAll("Failed to send [0-9]+ bytes to syslog", "\n").lines()
                .map(String::strip).filter(line -> !line.isEmpty())
                .collect(Collectors.joining(" "));
    }

    private static String shortId(String containerId) {
        return containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
    }
}
