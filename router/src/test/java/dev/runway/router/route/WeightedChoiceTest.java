package dev.runway.router.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class WeightedChoiceTest {

    private static int[] counts(WeightedChoice choice, int size, int requests) {
        int[] counts = new int[size];
        for (int i = 0; i < requests; i++) {
            counts[choice.next()]++;
        }
        return counts;
    }

    @Test
    void shouldGiveEachRevisionItsExactShareOverEveryHundredRequests() {
        WeightedChoice choice = new WeightedChoice(List.of(90, 10));
        for (int round = 0; round < 20; round++) {
            int[] counts = counts(choice, 2, 100);
            assertEquals(90, counts[0]);
            assertEquals(10, counts[1]);
        }
        int[] three = counts(new WeightedChoice(List.of(50, 30, 20)), 3, 2000);
        assertEquals(List.of(1000, 600, 400), List.of(three[0], three[1], three[2]));
    }

    @Test
    void shouldSpreadTheSmallShareRatherThanSendItInABurst() {
        WeightedChoice choice = new WeightedChoice(List.of(90, 10));
        int run = 0;
        for (int i = 0; i < 1000; i++) {
            run = choice.next() == 1 ? run + 1 : 0;
            assertEquals(true, run <= 1, "two requests in a row went to the 10 % revision");
        }
    }

    @Test
    void shouldNeverChooseARevisionWithoutAShare() {
        int[] counts = counts(new WeightedChoice(List.of(0, 100, 0)), 3, 500);
        assertEquals(500, counts[1]);
        assertThrows(IllegalArgumentException.class, () -> new WeightedChoice(List.of(0, 0)));
        assertThrows(IllegalArgumentException.class, () -> new WeightedChoice(List.of(-1, 101)));
    }
}
