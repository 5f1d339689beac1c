package dev.runway.gateway.service;

import dev.runway.gateway.protocol.ApiError;
import java.util.List;
import java.util.Map;

/** App Runner's CPU and memory values: both unit and friendly forms, and the valid pairs (SPEC.md §6.1). */
final class InstanceSizes {

    private static final Map<Integer, List<Integer>> VALID = Map.of(
            256, List.of(512, 1024),
            512, List.of(1024),
            1024, List.of(2048, 3072, 4096),
            2048, List.of(4096, 6144),
            4096, List.of(8192, 10240, 12288));

    /** {@code "1 vCPU"} or {@code "1024"} → 1024 units. The model's pattern already limits the forms. */
    static int cpuUnits(String cpu) {
        if (cpu.endsWith("vCPU")) {
            return (int) Math.round(Double.parseDouble(cpu.replace("vCPU", "").trim()) * 1024);
        }
        return Integer.parseInt(cpu.trim());
    }

    /** {@code "2 GB"} or {@code "2048"} → 2048 MB. */
    static int memoryMb(String memory) {
        if (memory.endsWith("GB")) {
            return (int) Math.round(Double.parseDouble(memory.replace("GB", "").trim()) * 1024);
        }
        return Integer.parseInt(memory.trim());
    }

    static void requireValidPair(int cpuUnits, int memoryMb) {
        List<Integer> memories = VALID.get(cpuUnits);
        if (memories == null || !memories.contains(memoryMb)) {
            throw ApiError.invalidRequest("Cpu " + cpuUnits + " with Memory " + memoryMb + " is not a valid"
                    + " combination. Valid pairs (Cpu: Memory in MB): 256: 512|1024; 512: 1024; 1024: 2048|3072|4096;"
                    + " 2048: 4096|6144; 4096: 8192|10240|12288.");
        }
    }

    private InstanceSizes() {
    }
}
