package dev.runway.deployworker.engine;

import dev.runway.deployworker.image.ImageReference;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The few things the deploy-worker asks of a container engine. {@link DockerEngine} is the real
 * one; tests use an in-memory fake. Every method throws {@link EngineException} with the engine's
 * own words when the engine refuses or does not answer.
 */
public interface ContainerEngine {

    /** The engine's version; proves it answers. */
    String version();

    /** Where the engine listens, for messages. */
    String host();

    /** Whether the image is on this machine. */
    boolean hasImage(ImageReference image);

    /**
     * The user the image runs its command as (its {@code USER}; empty when it names none). The
     * image must be on this machine.
     */
    String imageUser(ImageReference image);

    /** Removes the local copy of an image; refused by the engine while a container uses it. */
    void removeImage(ImageReference image);

    /** Pulls the image from the registry it names. */
    void pull(ImageReference image);

    /** Containers in any state that carry every one of these labels. */
    List<Container> containers(Map<String, String> labels);

    /** Containers in any state that carry this label, whatever its value. */
    List<Container> containersWithLabel(String key);

    /** Creates (does not start) a container; returns its id. */
    String create(ContainerSpec spec);

    /**
     * Starts the container; one created with {@link ContainerSpec#publish()} is reachable on its
     * host port when this returns (or has already exited).
     */
    void start(String containerId);

    /**
     * Keeps the way in to published containers in step with them: restores it for running ones that
     * lost it, releases it for ones that no longer run. Safe to call any time, from any worker.
     *
     * @param containers the containers of this platform, as listed
     * @return one line per thing repaired, for the log; empty when all was well
     */
    default List<String> reconnect(List<Container> containers) {
        return List.of();
    }

    /** The container's state, or empty when it no longer exists. */
    Optional<ContainerState> inspect(String containerId);

    /**
     * One reading of a running container's CPU and memory against its limits; empty when the
     * container is gone or not running. Engines without statistics answer empty.
     */
    default java.util.Optional<ContainerUsage> usage(String containerId) {
        return java.util.Optional.empty();
    }

    /** The last {@code lines} lines the container wrote to stdout and stderr. */
    List<String> logTail(String containerId, int lines);

    /**
     * Follows what the container writes to stdout and stderr: its last {@code tail} lines first,
     * then each new one, to {@code sink} with the engine's timestamp, until the container ends or
     * the returned follow is closed (then {@link Follow#active()} turns false).
     */
    Follow followLog(String containerId, int tail, LogSink sink);

    /** Receives a container's output, a line at a time. */
    interface LogSink {

        /**
         * @param stamp  the engine's timestamp of the line, as it wrote it (nanosecond digits), unique
         *               enough with the line to recognise it when it is read again
         * @param at     the same, as an instant
         * @param stderr whether the line went to stderr
         * @param line   the line without its line break
         */
        void line(String stamp, java.time.Instant at, boolean stderr, String line);
    }

    /** A running subscription to something the engine streams. */
    interface Follow extends AutoCloseable {

        boolean active();

        @Override
        void close();
    }

    /** SIGTERM, then SIGKILL after {@code grace}; a container that is gone or stopped is fine. */
    void stop(String containerId, Duration grace);

    /** Removes the container, killing it if it still runs; a container that is gone is fine. */
    void remove(String containerId);

    /**
     * Calls {@code onExit} with the container's id each time a container labelled
     * {@code key=value} exits (killed, crashed, stopped), until the returned watch is closed or the
     * engine's event stream ends (then {@link Follow#active()} turns false).
     */
    Follow watchExits(String key, String value, Consumer<String> onExit);

}
