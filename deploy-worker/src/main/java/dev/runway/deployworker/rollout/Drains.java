package dev.runway.deployworker.rollout;

import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Where the instances a scale-down took out of traffic wait out the drain time and go. In the
 * background by default: a service's commands run one after another, so a drain in the command
 * made each scale-down cost that service's next command (a wake, when it idled to zero) the drain
 * time plus the stop, and held a command thread meanwhile.
 */
public interface Drains {

    /** Runs {@code removal} once {@code drain} has passed; {@code removal} must not throw. */
    void after(Duration drain, Runnable removal);

    /** On the caller's thread: sleeps the drain, then removes (tests, whose clock is fake). */
    static Drains inline(Ticker ticker) {
        return (drain, removal) -> {
            try {
                ticker.sleep(drain);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RolloutInterrupted(e);
            }
            removal.run();
        };
    }

    /** On daemon threads of their own, as many as drains are under way. */
    static Background background() {
        return new Background();
    }

    /** Drains in the background; {@link #close} waits a bounded time for those under way. */
    final class Background implements Drains, AutoCloseable {
        private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
            var thread = new Thread(task, "instance-drain");
            thread.setDaemon(true);
            return thread;
        });

        @Override
        public void after(Duration drain, Runnable removal) {
            try {
                threads.execute(() -> {
                    try {
                        Thread.sleep(drain.toMillis());
                    } catch (InterruptedException e) {
                        // shutting down: remove now rather than leave the instances running
                    }
                    removal.run();
                });
            } catch (RejectedExecutionException closed) {
                removal.run();
            }
        }

        /** Ends the drains under way now (their instances are removed), waiting at most {@code atMost}. */
        public void close(Duration atMost) {
            threads.shutdownNow();
            try {
                if (!threads.awaitTermination(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
                    Log.warn("instances of a scale-down are still being removed; the next scaling of their "
                            + "revision removes what is left");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            close(Duration.ofSeconds(15));
        }
    }
}
