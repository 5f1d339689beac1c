package dev.runway.deployworker.rollout;

/** App Runner's instance size in Docker's units. */
final class Limits {

    /** {@code memoryMb} MiB in bytes. */
    static long memoryBytes(int memoryMb) {
        if (memoryMb <= 0) {
            throw new IllegalArgumentException("memory must be positive, not " + memoryMb + " MB");
        }
        return memoryMb * 1024L * 1024L;
    }

    /** App Runner counts 1024 units per vCPU; Docker counts 10^9 nano-CPUs per CPU. */
    static long nanoCpus(int cpuUnits) {
        if (cpuUnits <= 0) {
            throw new IllegalArgumentException("CPU must be positive, not " + cpuUnits + " units");
        }
        return cpuUnits * 1_000_000_000L / 1024L;
    }

    private Limits() {
    }
}
