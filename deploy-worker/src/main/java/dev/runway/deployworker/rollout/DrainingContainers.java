package dev.runway.deployworker.rollout;

import dev.runway.deployworker.engine.Container;
import dev.runway.deployworker.engine.ContainerEngine;
import io.quarkus.logging.Log;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Containers taken out of traffic (by a scale-down or a revision's retirement) that wait out the
 * drain time, so requests already sent to them finish, and then go. The wait runs where
 * {@link Drains} puts it (in the background, off the service's command lane), and meanwhile no
 * rollout adopts them, counts them as dead or retires them a second time.
 */
@Singleton
public class DrainingContainers {

    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final Drains drains;
    private final ContainerReaper reaper;
    private final DeploySettings settings;

    @Inject
    DrainingContainers(ContainerEngine engine, DeploySettings settings, Drains drains) {
        this.drains = drains;
        this.settings = settings;
        this.reaper = new ContainerReaper(engine);
    }

    /** Marks {@code leaving} draining; after the drain time stops and removes them ({@code why}: for the log). */
    void drainThenRemove(String who, List<Container> leaving, String why) {
        if (leaving.isEmpty()) {
            return;
        }
        var them = List.copyOf(leaving);
        them.forEach(c -> ids.add(c.id()));
        drains.after(settings.drain(), () -> {
            try {
                them.forEach(c -> Log.infof("%s: removing %s (%s)", who, c.name(), why));
                var failures = reaper.stopAndRemove(them, settings.stopGrace());
                if (!failures.isEmpty()) {
                    Log.warnf("%s: could not remove every container that left traffic (the reconciler keeps them out "
                            + "of it): %s", who, String.join("; ", failures));
                }
            } catch (RolloutInterrupted e) {
                throw e;
            } catch (RuntimeException e) {
                Log.warnf("%s: could not remove the containers that left traffic: %s", who, e.toString());
            } finally {
                them.forEach(c -> ids.remove(c.id()));
            }
        });
    }

    boolean contains(Container container) {
        return ids.contains(container.id());
    }
}
