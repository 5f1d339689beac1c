package dev.runway.router.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

    static final class Named extends Deadlines.Node {
        final String name;

        Named(String name) {
            this.name = name;
        }
    }

    private final Deadlines deadlines = new Deadlines();
    private final List<String> expired = new ArrayList<>();

    private void expire(long now) {
        deadlines.expire(now, node -> expired.add(((Named) node).name));
    }

    @Test
    void shouldExpireInOrderOnlyWhatIsDue() {
        deadlines.add(new Named("a"), 100);
        deadlines.add(new Named("b"), 200);
        deadlines.add(new Named("c"), 300);

        expire(99);
        assertEquals(List.of(), expired);
        expire(200);
        assertEquals(List.of("a", "b"), expired);
        expire(1_000);
        assertEquals(List.of("a", "b", "c"), expired);
        assertTrue(deadlines.isEmpty());
    }

    @Test
    void shouldNeverExpireWhatWasRemovedAndTolerateRemovingTwice() {
        Named a = new Named("a");
        Named b = new Named("b");
        Named c = new Named("c");
        deadlines.add(a, 100);
        deadlines.add(b, 200);
        deadlines.add(c, 300);

        deadlines.remove(b);
        deadlines.remove(b);
        deadlines.remove(a);
        expire(1_000);

        assertEquals(List.of("c"), expired);
        assertTrue(deadlines.isEmpty());
        deadlines.remove(c);
        assertTrue(deadlines.isEmpty());
    }

    @Test
    void shouldCompareDeadlinesAcrossTheNanoTimeWrap() {
        deadlines.add(new Named("late"), Long.MAX_VALUE - 10);
        deadlines.add(new Named("later"), Long.MIN_VALUE + 10); // 21 ns after "late", past the wrap

        expire(Long.MAX_VALUE);
        assertEquals(List.of("late"), expired);
        assertFalse(deadlines.isEmpty());
        expire(Long.MIN_VALUE + 10);
        assertEquals(List.of("late", "later"), expired);
    }
}
