package dev.runway.events.model;

/**
 * CPU and memory of one instance, normalised to App Runner's units.
 *
 * @param cpuUnits        1024 units are one vCPU
 * @param memoryMb        memory in MB
 * @param instanceRoleArn the role the app would assume; stored and described, no meaning on one machine
 */
public record InstanceSize(int cpuUnits, int memoryMb, String instanceRoleArn) {

    /** App Runner's default: 1 vCPU, 2 GB. */
    public static InstanceSize defaults() {
        return new InstanceSize(1024, 2048, null);
    }
}
