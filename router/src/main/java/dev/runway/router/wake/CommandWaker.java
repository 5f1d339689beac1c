package dev.runway.router.wake;

import dev.runway.events.Envelope;
import dev.runway.events.Topics;
import dev.runway.events.command.WakeService;
import dev.runway.events.wire.EnvelopeCodec;
import dev.runway.router.proxy.ColdStart;
import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Wakes a service at zero instances by sending {@link WakeService} to the registry on
 * {@code runway.commands}, straight to the scaling decision (not through the autoscaler's next
 * round). Sends from a thread of its own, so an event loop never waits for Kafka; fire and forget:
 * {@link ColdStart} asks again while requests stay held.
 */
public final class CommandWaker implements ColdStart.Waker, AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final String source;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cold-start-waker");
        t.setDaemon(true);
        return t;
    });

    public CommandWaker(Producer<String, byte[]> producer, String source) {
        this.producer = producer;
        this.source = source;
    }

    @Override
    public void wake(String serviceArn, int instances, String reason) {
        WakeService command = new WakeService(serviceArn, instances, reason);
        try {
            sender.execute(() -> send(command));
        } catch (RejectedExecutionException closed) {
            Log.debugf("not waking %s: the router is stopping", serviceArn);
        }
    }

    private void send(WakeService command) {
        try {
            Envelope envelope = Envelope.first(source, command, UUID.randomUUID());
            producer.send(new ProducerRecord<>(Topics.COMMANDS, command.serviceArn(), EnvelopeCodec.toBytes(envelope)),
                    (meta, err) -> {
                        if (err != null) {
                            Log.warnf("WakeService for %s not sent (asked again while requests are held): %s",
                                    command.serviceArn(), err.toString());
                        }
                    });
            Log.infof("waking %s with %d instance(s): %s", command.serviceArn(), command.instances(), command.reason());
        } catch (RuntimeException e) {
            Log.warnf("WakeService for %s not sent (asked again while requests are held): %s", command.serviceArn(),
                    e.toString());
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
        producer.close(Duration.ofSeconds(2));
    }
}
