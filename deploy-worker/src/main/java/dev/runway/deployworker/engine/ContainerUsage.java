package dev.runway.deployworker.engine;

/**
 * A running container's CPU and memory as App Runner reports them: in percent of what the instance
 * was given (its CPU limit and memory limit), not of the machine.
 *
 * @param cpuPercent    CPU over the engine's last sampling interval, percent of the container's CPU limit
 * @param memoryPercent memory in use (reclaimable page cache excluded), percent of its memory limit
 */
public record ContainerUsage(double cpuPercent, double memoryPercent) {

    /**
     * From two readings of the engine's counters (as {@code docker stats} computes them).
     *
     * @param cpuDelta     the container's CPU time between the readings, ns
     * @param systemDelta  the machine's CPU time (all CPUs) between the readings, ns
     * @param onlineCpus   the machine's CPUs
     * @param nanoCpus     the container's CPU limit in 10^-9 CPUs; 0 when unlimited (then the machine's CPUs)
     * @param memoryUsed   bytes in use, inactive file cache excluded
     * @param memoryLimit  the container's memory limit in bytes
     */
    public static ContainerUsage of(long cpuDelta, long systemDelta, long onlineCpus, long nanoCpus, long memoryUsed,
            long memoryLimit) {
        double cpus = onlineCpus <= 0 ? 1 : onlineCpus;
        double machineShare = systemDelta <= 0 || cpuDelta <= 0 ? 0 : (double) cpuDelta / systemDelta * cpus;
        double limit = nanoCpus > 0 ? nanoCpus / 1e9 : cpus;
        double cpu = clamp(machineShare / limit * 100);
        double memory = memoryLimit <= 0 ? 0 : clamp(100.0 * Math.max(0, memoryUsed) / memoryLimit);
        return new ContainerUsage(round(cpu), round(memory));
    }

    private static double clamp(double percent) {
        return Math.max(0, Math.min(100, percent));
    }

    private static double round(double percent) {
        return Math.round(percent * 100) / 100.0;
    }
}
