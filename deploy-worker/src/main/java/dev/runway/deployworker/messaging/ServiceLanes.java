package dev.runway.deployworker.messaging;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs work in lanes, one lane per key (a service's ARN): in order within a lane, lanes side by
 * side on a fixed number of threads. A lane gives its thread up after each piece of work, so a
 * service with a long queue takes turns with the others instead of holding a thread.
 */
final class ServiceLanes implements AutoCloseable {

    private final ExecutorService threads;
    /** Each lane's work not yet finished, the running one first; guarded by this. */
    private final Map<String, ArrayDeque<Runnable>> lanes = new HashMap<>();
    private int unfinished;

    ServiceLanes(int parallelism, String threadName) {
        var count = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(parallelism, task -> {
            var thread = new Thread(task, threadName + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues {@code work} behind the lane's earlier work. */
    synchronized void submit(String lane, Runnable work) {
        unfinished++;
        var queue = lanes.get(lane);
        if (queue != null) {
            queue.add(work);
            return;
        }
        queue = new ArrayDeque<>();
        queue.add(work);
        lanes.put(lane, queue);
        schedule(lane);
    }

    /** Work submitted and not finished yet, in every lane. */
    synchronized int unfinished() {
        return unfinished;
    }

    private void schedule(String lane) {
        try {
            threads.execute(() -> runNext(lane));
        } catch (RejectedExecutionException e) {
            // closed: the work is dropped; its command was not committed and is delivered again
        }
    }

    private void runNext(String lane) {
        Runnable work;
        synchronized (this) {
            work = lanes.get(lane).peek();
        }
        try {
            work.run();
        } finally {
            synchronized (this) {
                var queue = lanes.get(lane);
                queue.poll();
                unfinished--;
                notifyAll();
                if (queue.isEmpty()) {
                    lanes.remove(lane);
                } else {
                    schedule(lane);
                }
            }
        }
    }

    /** Interrupts the running work, drops the queued work and waits up to {@code grace} for the threads. */
    @Override
    public void close() {
        close(Duration.ofSeconds(20));
    }

    void close(Duration grace) {
        threads.shutdownNow();
        try {
            threads.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
