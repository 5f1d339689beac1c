package dev.runway.deployworker.rollout;

import dev.runway.events.deploy.DeployRevision;

/**
 * What a deployment tells its user while it runs: {@code [AppRunner]} lines in the deployment's
 * log stream, read with {@code aws logs get-log-events} (an image service's only deployment log;
 * a code service's follows its build). Must not block or throw.
 */
@FunctionalInterface
public interface DeploymentNotes {

    DeploymentNotes NONE = (deploy, message) -> {
    };

    /** One line about {@code deploy}; nothing happens for a command that is not a deployment (a scale). */
    void note(DeployRevision deploy, String message);
}
