package dev.runway.router.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.runway.events.model.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

class UpstreamChoiceTest {

    private static final Endpoint A = new Endpoint("a", "127.0.0.1", 20001);
    private static final Endpoint B = new Endpoint("b", "127.0.0.1", 20002);
    private static final Endpoint C = new Endpoint("c", "127.0.0.1", 20003);

    @Test
    void shouldChooseNothingFromNothing() {
        assertEquals(Optional.empty(), UpstreamChoice.leastOutstanding(List.of(), e -> 0, 0));
    }

    @Test
    void shouldChooseTheEndpointWithFewestRequestsInFlight() {
        ToIntFunction<Endpoint> load = load(Map.of(A, 3, B, 1, C, 2));

        for (int start = -3; start < 6; start++) {
            assertEquals(Optional.of(B), UpstreamChoice.leastOutstanding(List.of(A, B, C), load, start));
        }
    }

    @Test
    void shouldRotateAmongEquallyLoadedEndpoints() {
        ToIntFunction<Endpoint> idle = e -> 0;

        assertEquals(A, UpstreamChoice.leastOutstanding(List.of(A, B, C), idle, 0).orElseThrow());
        assertEquals(B, UpstreamChoice.leastOutstanding(List.of(A, B, C), idle, 1).orElseThrow());
        assertEquals(C, UpstreamChoice.leastOutstanding(List.of(A, B, C), idle, 2).orElseThrow());
        assertEquals(A, UpstreamChoice.leastOutstanding(List.of(A, B, C), idle, 3).orElseThrow());
        assertEquals(C, UpstreamChoice.leastOutstanding(List.of(A, B, C), idle, -1).orElseThrow());
        assertEquals(B, UpstreamChoice.leastOutstanding(List.of(A, B, C), idle, Integer.MIN_VALUE).orElseThrow());
    }

    @Test
    void shouldRotateOnlyAmongTheLeastLoaded() {
        ToIntFunction<Endpoint> load = load(Map.of(A, 0, B, 5, C, 0));

        assertEquals(A, UpstreamChoice.leastOutstanding(List.of(A, B, C), load, 0).orElseThrow());
        assertEquals(C, UpstreamChoice.leastOutstanding(List.of(A, B, C), load, 1).orElseThrow());
        assertEquals(C, UpstreamChoice.leastOutstanding(List.of(A, B, C), load, 2).orElseThrow());
    }

    @Test
    void shouldUseTheOnlyEndpointWhateverItsLoad() {
        assertEquals(A, UpstreamChoice.leastOutstanding(List.of(A), e -> 1000, 7).orElseThrow());
    }

    @Test
    void shouldChooseOnlyEndpointsBelowTheLimitAndNotExcluded() {
        ToIntFunction<Endpoint> load = load(Map.of(A, 9, B, 10, C, 4));

        assertEquals(A, UpstreamChoice.leastOutstandingBelow(List.of(A, B, C), load, 10, Set.of(C), 0));
        assertEquals(C, UpstreamChoice.leastOutstandingBelow(List.of(A, B, C), load, 10, Set.of(), 0));
        assertNull(UpstreamChoice.leastOutstandingBelow(List.of(A, B, C), load, 10, Set.of(A, C), 0));
        assertNull(UpstreamChoice.leastOutstandingBelow(List.of(A, B, C), load, 4, Set.of(), 0));
        assertNull(UpstreamChoice.leastOutstandingBelow(List.of(), load, 10, Set.of(), 0));
    }

    private static ToIntFunction<Endpoint> load(Map<Endpoint, Integer> inFlight) {
        return e -> inFlight.getOrDefault(e, 0);
    }
}
