package dev.runway.events.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RolloutPlanTest {

    @Test
    void givenNoRolloutTag_whenRead_thenUpdatesGoToAllTrafficAtOnce() {
        assertEquals(Optional.empty(), RolloutPlan.fromTags(null));
        assertEquals(Optional.empty(), RolloutPlan.fromTags(List.of(new Tag("runway:min-size", "0"))));
        assertEquals(Optional.empty(), RolloutPlan.fromTags(List.of(new Tag("runway:rollout-interval", "30"))));
    }

    @Test
    void givenSteps_whenRead_thenTheyAreThePlanWithTheDefaultInterval() {
        assertEquals(Optional.of(new RolloutPlan(List.of(10, 50, 100), RolloutPlan.DEFAULT_INTERVAL_SECONDS)),
                RolloutPlan.fromTags(List.of(new Tag("runway:rollout", "10,50,100"))));
        assertEquals(Optional.of(new RolloutPlan(List.of(5, 100), 30)), RolloutPlan.fromTags(List.of(
                new Tag("runway:rollout", " 5% , 100 "), new Tag("runway:rollout-interval", "30s"))));
        assertEquals(Optional.of(new RolloutPlan(List.of(100), 10)), RolloutPlan.fromTags(List.of(
                new Tag("runway:rollout", "100"), new Tag("runway:rollout-interval", "10"))));
    }

    @Test
    void givenStepsThatDoNotEndOrDoNotGrow_whenRead_thenRefusedNamingTheTag() {
        for (String bad : List.of("10,50", "50,10,100", "10,10,100", "0,100", "10,,100", "", "ten,100", "10,50,101",
                "1,2,3,4,5,6,7,8,9,10,100", "-10,100")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RolloutPlan.fromTags(List.of(new Tag("runway:rollout", bad))), bad);
            assertTrue(e.getMessage().contains("runway:rollout ") && e.getMessage().contains("'" + bad + "'"),
                    e.getMessage());
        }
    }

    @Test
    void givenAnIntervalOutOfRange_whenRead_thenRefusedNamingTheTagEvenWithoutSteps() {
        for (String bad : List.of("9", "3601", "0", "a minute", "", "5m")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RolloutPlan.fromTags(List.of(new Tag("runway:rollout-interval", bad))), bad);
            assertTrue(e.getMessage().contains("runway:rollout-interval") && e.getMessage().contains("10 to 3600"),
                    e.getMessage());
        }
    }

    @Test
    void givenStoredTagsThatDoNotRead_whenReadAsStored_thenNoRollout() {
        assertEquals(Optional.empty(), RolloutPlan.fromStoredTags(List.of(new Tag("runway:rollout", "10,50"))));
    }

    @Test
    void givenRolloutTags_whenScaleToZeroReadsTheSameTags_thenTheyAreRunwayExtensionsItLetsThrough() {
        assertEquals(Optional.empty(), ScaleToZero.fromTags(List.of(new Tag("runway:rollout", "10,100"),
                new Tag("runway:rollout-interval", "60"))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScaleToZero.fromTags(List.of(new Tag("runway:rolout", "10,100"))));
        assertTrue(e.getMessage().contains("runway:rollout,"), e.getMessage());
    }
}
