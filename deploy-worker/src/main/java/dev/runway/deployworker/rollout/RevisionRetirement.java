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
 * After traffic moved to a revision: lets the other revisions' instances finish what was sent to
 * them (the drain time), then stops and removes them. Nothing to retire means no wait.
 */
@Singleton
public class RevisionRetirement {

    private final ContainerEngine engine;
    private final DeploySettings settings;
    private final ContainerReaper reaper;
    private final Ticker ticker;

    @Inject
    RevisionRetirement(ContainerEngine engine, DeploySettings settings, Ticker ticker) {
        this.engine = engine;
        this.settings = settings;
        this.ticker = ticker;
        this.reaper = new ContainerReaper(engine);
    }

    public Report retire(RetireRevisions command) {
        String keep = Integer.toString(command.keepRevision())
                + (command.alsoKeep().isEmpty() ? "" : " and r" + command.alsoKeep());
        List<Container> others = engine.containers(Labels.ofService(settings.platformId(), command.serviceArn()))
                .stream().filter(c -> !kept(command, c)).toList();
        if (!others.isEmpty()) {
            Log.infof("%s: want only r%s, got %d container(s) of older revisions → draining %d ms, then removing",
                    ServiceStop.serviceName(command.serviceArn()), keep, others.size(), settings.drain().toMillis());
            try {
                ticker.sleep(settings.drain());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RolloutInterrupted(e);
            }
            List<String> failures = reaper.stopAndRemove(others, settings.stopGrace());
            if (!failures.isEmpty()) {
                Log.warnf("could not remove every retired container (the reconciler keeps them out of traffic): %s",
                        String.join("; ", failures));
            }
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
