package dev.runway.gateway.imagepush;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class WatchedImagesTest {

    static final String REGISTRY = "127.0.0.1:5000";

    @Test
    void shouldWatchTheRepositoryAndTagInThePlatformRegistry() {
        assertEquals(Optional.of("app:1"), WatchedImages.watched("127.0.0.1:5000/app:1", REGISTRY));
        assertEquals(Optional.of("team/app:latest"), WatchedImages.watched("127.0.0.1:5000/team/app", REGISTRY));
    }

    @Test
    void shouldMapEcrStyleNamesOntoThePlatformRegistry() {
        assertEquals(Optional.of("app:prod"),
                WatchedImages.watched("000000000000.dkr.ecr.us-east-1.amazonaws.com/app:prod", REGISTRY));
        assertEquals(Optional.of("alias/app:latest"), WatchedImages.watched("public.ecr.aws/alias/app", REGISTRY));
    }

    @Test
    void shouldWatchNothingForDigestsLocalImagesOrOtherRegistries() {
        assertEquals(Optional.empty(), WatchedImages.watched("127.0.0.1:5000/app@sha256:" + "a".repeat(64), REGISTRY));
        assertEquals(Optional.empty(), WatchedImages.watched("runway/busybox:local", REGISTRY));
        assertEquals(Optional.empty(), WatchedImages.watched("127.0.0.1:6000/app:1", REGISTRY));
    }
}
