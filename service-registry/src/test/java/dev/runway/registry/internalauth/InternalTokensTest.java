package dev.runway.registry.internalauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InternalTokensTest {

    @TempDir
    Path dir;

    @Test
    void shouldIdentifyEachComponentByItsOwnTokenInEitherLayout() throws Exception {
        // given the launcher's layout for the router and the compose stack's for the gateway
        Files.writeString(dir.resolve("router"), "router-token\n");
        Files.createDirectories(dir.resolve("api-gateway"));
        Files.writeString(dir.resolve("api-gateway").resolve("token"), "gateway-token");
        var tokens = new InternalTokens(Optional.of(dir.toString()));
        // then
        assertEquals(Optional.of(Component.ROUTER), tokens.identify("router-token"));
        assertEquals(Optional.of(Component.API_GATEWAY), tokens.identify("gateway-token"));
        assertEquals(Optional.empty(), tokens.identify("router-token2"));
        assertEquals(Optional.empty(), tokens.identify(""));
        assertEquals(Optional.empty(), tokens.identify(null));
    }

    @Test
    void shouldLearnATokenMadeAfterItsStart() throws Exception {
        var tokens = new InternalTokens(Optional.of(dir.toString()));
        assertEquals(Optional.empty(), tokens.identify("late"));
        // when the operator's token appears later (a compose service made it)
        Files.writeString(dir.resolve("operator"), "late");
        Thread.sleep(1100);
        // then the next call with it is known
        assertEquals(Optional.of(Component.OPERATOR), tokens.identify("late"));
    }

    @Test
    void shouldKnowNobodyWithoutADirectory() {
        var tokens = new InternalTokens(Optional.empty());
        assertEquals(Optional.empty(), tokens.identify("anything"));
    }
}
