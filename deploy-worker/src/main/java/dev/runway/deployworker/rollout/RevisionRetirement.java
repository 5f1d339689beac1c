package dev.runway.deployworker.rollout;

import dev.runway.deployworker.engine.Container;
import dev.runway.deployworker.engine.ContainerEngine;
import dev.runway.events.deploy.RetireRevisions;
import dev.runway.events.report.Report;
import dev.runway.events.report.RevisionsRetired;
import io.quarkus.logging.Log;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * After traffic moved to a revision: the other revisions' instances finish what was sent to them
 * (the drain time) and go. That runs in the background ({@link DrainingContainers}): the answer
 * comes at once, so the service's next command (another update, a wake, a scaling) never waits
 * for a drain or a slow stop.
 */
@Singleton
public class RevisionRetirement {

    private final ContainerEngine engine;
    private final DeploySettings settings;
    private final DrainingContainers draining;

    @Inject
    RevisionRetirement(ContainerEngine engine, DeploySettings settings, DrainingContainers draining) {
        this.engine = engine;
        this.settings = settings;
        this.draining = draining;
    }

    /** Draining on the caller's thread (by the ticker), in tests. */
    RevisionRetirement(ContainerEngine engine, DeploySettings settings, Ticker ticker) {
        this(engine, settings, new DrainingContainers(engine, settings, Drains.inline(ticker)));
    }

    public Report retire(RetireRevisions command) {
        String keep = Integer.toString(command.keepRevision())
                + (command.alsoKeep().isEmpty() ? "" : " and r" + command.alsoKeep());
        List<Container> others = engine.containers(Labels.ofService(settings.platformId(), command.serviceArn()))
                .stream().filter(c -> !kept(command, c) && !draining.contains(c)).toList();
        if (!others.isEmpty()) {
            String who = ServiceStop.serviceName(command.serviceArn());
            Log.infof("%s: want only r%s, got %d container(s) of other revisions → draining %d ms, then removing",
                    who, keep, others.size(), settings.drain().toMillis());
            draining.drainThenRemove(who, others, "retired");
        }
        return new RevisionsRetired(command.serviceArn(), command.operationId(), command.keepRevision());
    }
    /** A container of a revision that keeps traffic; one without a readable revision label goes. */
    private static boolean kept(RetireRevisions command, Container c) {
        try {
            return c.label(Labels.REVISION) != null && command.keeps(Integer.parseInt(c.label(Labels.REVISION)));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
