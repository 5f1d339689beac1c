package dev.runway.registry.internalauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
    void shouldTakeARotatedTokenAtOnceAndTheOldOneOnlyForTheGracePeriod() throws Exception {
        // given the router's token, read at the start
        long[] now = {0};
        Files.writeString(dir.resolve("router"), "old-token");
        var tokens = new InternalTokens(Optional.of(dir.toString()), () -> now[0]);
        assertEquals(Optional.of(Component.ROUTER), tokens.identify("old-token"));
        // when the launcher writes a new one (./runway credentials rotate router)
        Files.writeString(dir.resolve("router.tmp"), "new-token");
        Files.move(dir.resolve("router.tmp"), dir.resolve("router"), StandardCopyOption.ATOMIC_MOVE);
        // then the new one is known at its first call, without waiting
        assertEquals(Optional.of(Component.ROUTER), tokens.identify("new-token"));
        // and a call the router sent just before it read its new file still passes
        now[0] += InternalTokens.ROTATION_GRACE.toNanos() - 1;
        assertEquals(Optional.of(Component.ROUTER), tokens.identify("old-token"));
        // but not once the grace period is over
        now[0] += 1;
        assertEquals(Optional.empty(), tokens.identify("old-token"));
        assertEquals(Optional.of(Component.ROUTER), tokens.identify("new-token"));
    }

    @Test
    void shouldKeepARemovedTokenOnlyForTheGracePeriod() throws Exception {
        // given the router's token, read at the start
        long[] now = {0};
        Files.writeString(dir.resolve("router"), "a");
        var tokens = new InternalTokens(Optional.of(dir.toString()), () -> now[0]);
        // when its file is removed (the operator revokes it)
        Files.delete(dir.resolve("router"));
        // then the next unknown token makes it read the directory, and the removed one is in its grace
        assertEquals(Optional.empty(), tokens.identify("guess"));
        assertEquals(Optional.of(Component.ROUTER), tokens.identify("a"));
        now[0] += InternalTokens.ROTATION_GRACE.toNanos();
        assertEquals(Optional.empty(), tokens.identify("a"));
    }

    @Test
    void shouldKnowNobodyWithoutADirectory() {
        var tokens = new InternalTokens(Optional.empty());
        assertEquals(Optional.empty(), tokens.identify("anything"));
    }
}
