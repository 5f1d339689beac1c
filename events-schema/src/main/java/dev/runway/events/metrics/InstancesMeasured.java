package dev.runway.events.metrics;

import dev.runway.events.Message;
import java.time.Instant;
import java.util.Map;

/**
 * One service's instances as the container engine saw them at one moment; published by the
 * deploy-worker that owns the service on {@code runway.metrics}, key the service ARN, every
 * {@code runway.metrics.usage-interval}. Names follow App Runner's CloudWatch metrics:
 * {@code CPUUtilization} and {@code MemoryUtilization} (percent of the instance's configured CPU
 * and memory) and {@code ActiveInstances}.
 *
 * @param serviceArn      the service
 * @param source          which deploy-worker measured it
 * @param measuredAt      when the figures were read
 * @param activeInstances running instances of the service
 * @param service         the service's figures: the instances' average
 * @param instances       per instance id, its own figures
 */
public record InstancesMeasured(String serviceArn, String source, Instant measuredAt, int activeInstances,
        Usage service, Map<String, Usage> instances) implements Message {

    public InstancesMeasured {
        instances = instances == null ? Map.of() : Map.copyOf(instances);
    }

    @Override
    public String resourceArn() {
        return serviceArn;
    }

    /**
     * @param cpuPercent    CPU used over the last engine sampling interval, in percent of the
     *                      instance's configured vCPU (0–100)
     * @param memoryPercent memory in use (page cache that can be dropped excluded, as {@code docker
     *                      stats} shows it), in percent of the instance's configured memory (0–100)
     */
    public record Usage(double cpuPercent, double memoryPercent) {
    }
}
