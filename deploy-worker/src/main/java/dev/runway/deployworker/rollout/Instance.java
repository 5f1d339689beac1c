package dev.runway.deployworker.rollout;

/**
 * One running container of a revision.
 *
 * @param instanceId    8 hex characters, also in the container's name and labels
 * @param containerId   the engine's id
 * @param containerName the container's name
 * @param port          the host-loopback port the platform reaches it on (on the host network, also its {@code PORT})
 */
record Instance(String instanceId, String containerId, String containerName, int port) {

    /** {@code r3-ab12cd34}, the way logs and reasons name an instance. */
    String label(int revision) {
        return "r" + revision + "-" + instanceId;
    }
}
