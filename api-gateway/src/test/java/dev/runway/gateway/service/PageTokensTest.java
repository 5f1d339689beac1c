package dev.runway.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runway.gateway.protocol.ApiError;
import org.junit.jupiter.api.Test;

class PageTokensTest {

    @Test
    void shouldRoundTripAnOffset() {
        assertEquals(40, PageTokens.decode("services", PageTokens.encode("services", 40)));
        assertEquals(0, PageTokens.decode("services", null));
    }

    @Test
    void shouldRefuseForgedOrForeignTokens() {
        assertThrows(ApiError.class, () -> PageTokens.decode("services", "not-a-token"));
        assertThrows(ApiError.class, () -> PageTokens.decode("services", PageTokens.encode("operations", 20)));
        assertThrows(ApiError.class, () -> PageTokens.decode("services", PageTokens.encode("services", -1)));
        // a token whose offset was edited no longer matches its signature
        String token = new String(java.util.Base64.getUrlDecoder().decode(PageTokens.encode("services", 20)),
                java.nio.charset.StandardCharsets.UTF_8);
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                token.replace(":20:", ":40:").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThrows(ApiError.class, () -> PageTokens.decode("services", forged));
    }

    @Test
    void shouldRefuseInvalidCpuMemoryPairs() {
        assertEquals(1024, InstanceSizes.cpuUnits("1 vCPU"));
        assertEquals(256, InstanceSizes.cpuUnits("0.25 vCPU"));
        assertEquals(512, InstanceSizes.memoryMb("0.5 GB"));
        assertEquals(3072, InstanceSizes.memoryMb("3072"));
        InstanceSizes.requireValidPair(1024, 2048);
        assertThrows(ApiError.class, () -> InstanceSizes.requireValidPair(256, 4096));
    }
}
