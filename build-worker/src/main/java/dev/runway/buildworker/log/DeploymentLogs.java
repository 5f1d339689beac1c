package dev.runway.buildworker.log;

import dev.runway.buildworker.config.BuildConfig;
import dev.runway.events.Envelope;
import dev.runway.events.Topics;
import dev.runway.events.log.LogLine;
import dev.runway.events.wire.EnvelopeCodec;
import dev.runway.events.wire.KafkaSettings;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Deployment logs: every line of a build goes to {@code runway.logs} as a {@link LogLine} (the
 * platform's log store reads it there) and to a file under {@code <state dir>/deployment-logs/},
 * which {@code GET /logs/deployment/<operation id>} serves, so a deployment's log can be read even
 * where no log store runs.
 */
@ApplicationScoped
public class DeploymentLogs {

    private final BuildConfig config;
    private final Path directory;
    private KafkaProducer<String, byte[]> producer;

    public DeploymentLogs(BuildConfig config) {
        this.config = config;
        this.directory = Path.of(config.home(), "deployment-logs");
    }

    void start(@Observes StartupEvent ignored) throws IOException {
        Files.createDirectories(directory);
        producer = new KafkaProducer<>(KafkaSettings.producer(config.kafka().bootstrapServers(), "build-worker-logs"));
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** The log of one deployment's build. */
    public Stream open(Envelope cause, String serviceArn, String serviceName, String serviceId, UUID operationId) {
        return new Stream(cause, serviceArn, LogLine.serviceGroup(serviceName, serviceId),
                LogLine.deploymentStream(operationId), file(operationId));
    }

    /**
     * The log of a deployment whose build this worker logged, for what happens after the build
     * (the rollout's outcome); empty when the deployment had no build here.
     */
    public Optional<Stream> reopen(Envelope cause, String serviceArn, UUID operationId) {
        Path f = file(operationId);
        String[] parts = serviceArn.split(":service/", 2);
        if (!Files.exists(f) || parts.length < 2 || !parts[1].contains("/")) {
            return Optional.empty();
        }
        String name = parts[1].substring(0, parts[1].indexOf('/'));
        String id = parts[1].substring(parts[1].indexOf('/') + 1);
        return Optional.of(new Stream(cause, serviceArn, LogLine.serviceGroup(name, id),
                LogLine.deploymentStream(operationId), f));
    }

    /** A deployment's log as written so far. */
    public Optional<String> read(String operationId) throws IOException {
        String id = operationId.replace("-", "");
        if (!id.matches("[0-9a-f]{32}")) {
            return Optional.empty();
        }
        Path f = directory.resolve(id + ".log");
        return Files.exists(f) ? Optional.of(Files.readString(f)) : Optional.empty();
    }

    private Path file(UUID operationId) {
        return directory.resolve(operationId.toString().replace("-", "") + ".log");
    }

    /** One deployment's log stream; keeps its last lines for a failure's reason. */
    public final class Stream {
        private static final int TAIL = 50;
        private final Envelope cause;
        private final String serviceArn;
        private final String group;
        private final String stream;
        private final Path file;
        private final Deque<String> tail = new ArrayDeque<>();

        Stream(Envelope cause, String serviceArn, String group, String stream, Path file) {
            this.cause = cause;
            this.serviceArn = serviceArn;
            this.group = group;
            this.stream = stream;
            this.file = file;
        }

        /** A platform line: {@code [AppRunner] ...}. */
        public void platform(String message) {
            write("[AppRunner] " + message);
        }

        /** A line of the user's build: {@code [Build] ...}. */
        public void build(String message) {
            write("[Build] " + message);
        }

        /** The last {@code n} lines written. */
        public synchronized List<String> last(int n) {
            List<String> all = new ArrayList<>(tail);
            return all.subList(Math.max(0, all.size() - n), all.size());
        }

        private synchronized void write(String line) {
            String clean = line.replace("\r", "").stripTrailing();
            tail.addLast(clean);
            if (tail.size() > TAIL) {
                tail.removeFirst();
            }
            try {
                Files.writeString(file, clean + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                Log.debugf("cannot write %s: %s", file, e.getMessage());
            }
            Envelope envelope = Envelope.causedBy(cause, "build-worker",
                    new LogLine(serviceArn, group, stream, Instant.now(), clean));
            producer.send(new ProducerRecord<>(Topics.LOGS, serviceArn, EnvelopeCodec.toBytes(envelope)));
        }
    }
}
