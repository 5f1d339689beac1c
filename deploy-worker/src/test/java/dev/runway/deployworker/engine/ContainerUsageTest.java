package dev.runway.deployworker.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** CPU and memory in percent of the instance's own limits, as App Runner reports them. */
class ContainerUsageTest {

    @Test
    void shouldGiveCpuInPercentOfTheContainersLimitNotOfTheMachine() {
        // 4 CPUs; the container used 0.25 CPU over the interval; its limit is 0.5 vCPU (1024 units / 2)
        ContainerUsage usage = ContainerUsage.of(250_000_000L, 4_000_000_000L, 4, 500_000_000L, 256L << 20, 1024L << 20);

        assertEquals(50.0, usage.cpuPercent());
        assertEquals(25.0, usage.memoryPercent());
    }

    @Test
    void shouldStayWithin0And100() {
        assertEquals(100.0, ContainerUsage.of(4_000_000_000L, 4_000_000_000L, 4, 1_000_000_000L, 2048L << 20,
                1024L << 20).cpuPercent());
        assertEquals(0.0, ContainerUsage.of(-5, 0, 4, 1_000_000_000L, -1, 1024L << 20).cpuPercent());
        assertEquals(100.0, ContainerUsage.of(0, 1, 4, 0, 2048L << 20, 1024L << 20).memoryPercent());
    }
}
