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
import java.util.concurrent.locks.ReentrantLock;

/**
 * Turns every deploy command into exactly one report; a bug becomes a failure report, not a stuck
 * partition. One command at a time per service: the command consumer's lanes and the reconciler
 * both come through here, and commands for different services run side by side (a service whose
 * instances take minutes to become healthy holds up no other).
 */
@Singleton
public class CommandHandler {

    private final RevisionRollout rollout;
    private final ServiceStop stop;
    private final RevisionRetirement retirement;
    /** A service's commands take the lock its ARN hashes to: bounded, and rarely shared by two. */
    private final ReentrantLock[] serviceLocks = new ReentrantLock[256];

    @Inject
    CommandHandler(RevisionRollout rollout, ServiceStop stop, RevisionRetirement retirement) {
        this.rollout = rollout;
        this.stop = stop;
        this.retirement = retirement;
        for (int i = 0; i < serviceLocks.length; i++) {
            serviceLocks[i] = new ReentrantLock();
        }
    }

    /**
     * Handles the command.
     *
     * @throws RolloutInterrupted when the worker shuts down meanwhile; then there is no report
     */
    public Report handle(DeployCommand command) {
        ReentrantLock lock = serviceLocks[Math.floorMod(command.serviceArn().hashCode(), serviceLocks.length)];
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RolloutInterrupted(e);
        }
        try {
            return carryOut(command);
        } finally {
            lock.unlock();
        }
    }

    private Report carryOut(DeployCommand command) {
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
