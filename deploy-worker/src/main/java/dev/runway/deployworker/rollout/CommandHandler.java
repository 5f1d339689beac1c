package dev.runway.deployworker.rollout;

import dev.runway.events.deploy.DeployCommand;
import dev.runway.events.deploy.DeployRevision;
import dev.runway.events.deploy.RetireRevisions;
import dev.runway.events.deploy.ScaleRevision;
import dev.runway.events.deploy.StopService;
import dev.runway.events.report.InstancesStopFailed;
import dev.runway.events.report.Report;
import dev.runway.events.report.RevisionDeployFailed;
import dev.runway.events.report.RevisionScaled;
import dev.runway.events.report.RevisionsRetired;
import io.quarkus.logging.Log;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Turns every deploy command into exactly one report; a bug becomes a failure report, not a stuck
 * partition. One command at a time: the command consumer and the reconciler both come through here.
 */
@Singleton
public class CommandHandler {

    private final RevisionRollout rollout;
    private final ServiceStop stop;
    private final RevisionRetirement retirement;

    @Inject
    CommandHandler(RevisionRollout rollout, ServiceStop stop, RevisionRetirement retirement) {
        this.rollout = rollout;
        this.stop = stop;
        this.retirement = retirement;
    }

    /**
     * Handles the command.
     *
     * @throws RolloutInterrupted when the worker shuts down meanwhile; then there is no report
     */
    public synchronized Report handle(DeployCommand command) {
        try {
            if (command instanceof DeployRevision deploy) {
                return rollout.deploy(deploy);
            }
            if (command instanceof StopService stopService) {
                return stop.stop(stopService);
            }
            if (command instanceof RetireRevisions retire) {
                return retirement.retire(retire);
            }
            if (command instanceof ScaleRevision scale) {
                return rollout.scale(scale);
            }
            throw new IllegalArgumentException("unknown deploy command " + command.getClass().getSimpleName());
        } catch (RolloutInterrupted e) {
            throw e;
        } catch (RuntimeException e) {
            Log.errorf(e, "%s for %s failed unexpectedly", command.getClass().getSimpleName(), command.serviceArn());
            String reason = "The deploy-worker failed unexpectedly: " + e;
            if (command instanceof DeployRevision deploy) {
                return new RevisionDeployFailed(deploy.serviceArn(), deploy.operationId(), deploy.revision(), reason);
            }
            if (command instanceof RetireRevisions retire) {
                return new RevisionsRetired(retire.serviceArn(), retire.operationId(), retire.keepRevision());
            }
            if (command instanceof ScaleRevision scale) {
                // what runs is unknown here: a count no decision asks for, so the registry ignores
                // it, and the next decision or the reconciler sets things right
                return new RevisionScaled(scale.serviceArn(), scale.revision(), -1, java.util.List.of(), reason);
            }
            var stopService = (StopService) command;
            return new InstancesStopFailed(stopService.serviceArn(), stopService.operationId(), reason);
        }
    }
}
