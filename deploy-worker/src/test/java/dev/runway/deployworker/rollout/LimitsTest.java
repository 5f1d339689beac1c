package dev.runway.deployworker.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LimitsTest {

    @ParameterizedTest(name = "{0} CPU units → {1} nano-CPUs")
    @CsvSource({"256, 250000000", "512, 500000000", "1024, 1000000000", "2048, 2000000000", "4096, 4000000000"})
    void shouldConvertCpuUnitsToNanoCpus(int units, long nanoCpus) {
        assertEquals(nanoCpus, Limits.nanoCpus(units));
    }

    @ParameterizedTest(name = "{0} MB → {1} bytes")
    @CsvSource({"512, 536870912", "2048, 2147483648", "12288, 12884901888"})
    void shouldConvertMemoryToMebibytes(int memoryMb, long bytes) {
        assertEquals(bytes, Limits.memoryBytes(memoryMb));
    }

    @Test
    void shouldRejectSizesThatAreNotPositive() {
        assertThrows(IllegalArgumentException.class, () -> Limits.memoryBytes(0));
        assertThrows(IllegalArgumentException.class, () -> Limits.nanoCpus(-1));
    }
}
