package dev.runway.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LiveResourceTest {

    static final String A = "5f7f23c4b9594b7e9c28d195fd1f47fa";
    static final String B = "0123456789abcdef0123456789abcdef";

    @Test
    void shouldTakeOnlyServiceIdsFromWhatThePageSays() {
        assertEquals(List.of(A, B), List.copyOf(LiveResource.shownIds(A + "," + B + "," + A)));
        // anything not shaped like a service id is dropped, the rest kept
        assertEquals(Set.of(A), LiveResource.shownIds("x," + A + ",<script>,," + A.toUpperCase() + "," + A + "0"));
        assertEquals(Set.of(), LiveResource.shownIds(null));
        assertEquals(Set.of(), LiveResource.shownIds(""));
    }

    @Test
    void shouldKeepAtMostTheLimit() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < LiveResource.MAX_SHOWN + 50; i++) {
            many.append(String.format("%032x", i)).append(',');
        }
        assertEquals(LiveResource.MAX_SHOWN, LiveResource.shownIds(many.toString()).size());
    }
}
