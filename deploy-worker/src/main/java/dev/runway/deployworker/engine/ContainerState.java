package dev.runway.deployworker.engine;

/**
 * What inspecting a container says about its process.
 *
 * @param running   the process runs
 * @param status    the engine's state word
 * @param exitCode  the exit code once it has exited
 * @param oomKilled the kernel killed it for using more memory than its limit
 */
public record ContainerState(boolean running, String status, long exitCode, boolean oomKilled) {

    public static ContainerState isRunning() {
        return new ContainerState(true, "running", 0, false);
    }

    public static ContainerState exited(long exitCode, boolean oomKilled) {
        return new ContainerState(false, "exited", exitCode, oomKilled);
    }
}
