package dev.runway.deployworker.rollout;

import dev.runway.deployworker.engine.Container;
import dev.runway.deployworker.engine.ContainerEngine;
import dev.runway.deployworker.engine.EngineException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Stops and removes containers, all at once, so N instances take one grace period and not N. */
public class ContainerReaper {

    private static final int MAX_PARALLEL = 8;

    private final ContainerEngine engine;

    public ContainerReaper(ContainerEngine engine) {
        this.engine = engine;
    }

    /**
     * Sends SIGTERM, waits up to {@code grace}, kills what still runs, removes.
     *
     * @return one line per container that could not be removed, naming it and the engine's reason
     */
    public List<String> stopAndRemove(List<Container> containers, Duration grace) {
        if (containers.isEmpty()) {
            return List.of();
        }
        var pool = Executors.newFixedThreadPool(Math.min(containers.size(), MAX_PARALLEL), task -> {
            var thread = new Thread(task, "container-reaper");
            thread.setDaemon(true);
            return thread;
        });
        try {
            var results = new ArrayList<Future<String>>();
            for (Container container : containers) {
                results.add(pool.submit(() -> stopAndRemove(container, grace)));
            }
            var failures = new ArrayList<String>();
            for (Future<String> result : results) {
                String failure = result.get();
                if (failure != null) {
                    failures.add(failure);
                }
            }
            return failures;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RolloutInterrupted(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Removes at once, killing what runs: for containers that serve nobody. */
    List<String> kill(List<Container> containers) {
        var failures = new ArrayList<String>();
        for (Container container : containers) {
            try {
                engine.remove(container.id());
            } catch (EngineException e) {
                failures.add(container.name() + ": " + e.getMessage());
            }
        }
        return failures;
    }

    private String stopAndRemove(Container container, Duration grace) {
        try {
            engine.stop(container.id(), grace);
            engine.remove(container.id());
            return null;
        } catch (EngineException e) {
            return container.name() + ": " + e.getMessage();
        }
    }
}
