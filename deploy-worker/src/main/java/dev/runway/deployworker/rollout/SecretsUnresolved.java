package dev.runway.deployworker.rollout;

/**
 * A revision's secret references did not resolve (or the registry did not answer). The message
 * names the variables and references, never a value. A deployment fails on it like on an
 * unhealthy revision; a repair leaves the serving instances as they are (see RevisionRollout).
 */
class SecretsUnresolved extends DeployFailure {

    SecretsUnresolved(String reason) {
        super(reason);
    }
}
