package dev.runway.events.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScaleToZeroTest {

    @Test
    void shouldBeOffWithoutRunwayTags() {
        assertEquals(Optional.empty(), ScaleToZero.fromTags(List.of(new Tag("team", "web"))));
        assertEquals(Optional.empty(), ScaleToZero.fromTags(null));
        assertEquals(Optional.empty(), ScaleToZero.fromTags(List.of(new Tag("runway:build-from", "Dockerfile"))));
    }

    @Test
    void shouldTurnOnWithMinSizeZeroAndTheDefaultIdleWindow() {
        assertEquals(Optional.of(new ScaleToZero(ScaleToZero.DEFAULT_IDLE_SECONDS)),
                ScaleToZero.fromTags(List.of(new Tag("runway:min-size", "0"))));
    }

    @Test
    void shouldReadTheIdleWindowInSeconds() {
        assertEquals(Optional.of(new ScaleToZero(60)), ScaleToZero.fromTags(List.of(
                new Tag("runway:min-size", "0"), new Tag("runway:idle-timeout", "60"))));
        assertEquals(Optional.of(new ScaleToZero(10)), ScaleToZero.fromTags(List.of(
                new Tag("runway:idle-timeout", "10s"), new Tag("runway:min-size", "0"))));
    }

    @Test
    void shouldStayOffWithMinSizeOneOrAnIdleWindowAlone() {
        assertEquals(Optional.empty(), ScaleToZero.fromTags(List.of(new Tag("runway:min-size", "1"))));
        assertEquals(Optional.empty(), ScaleToZero.fromTags(List.of(new Tag("runway:idle-timeout", "900"))));
    }

    @Test
    void shouldRefuseAnIdleWindowOutOfRangeNamingTheTag() {
        for (String bad : List.of("9", "901", "0", "-5", "sixty", "", "60m", "99999999999")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScaleToZero.fromTags(
                    List.of(new Tag("runway:min-size", "0"), new Tag("runway:idle-timeout", bad))), bad);
            assertTrue(e.getMessage().contains("runway:idle-timeout") && e.getMessage().contains("10 to 900"),
                    e.getMessage());
        }
    }

    @Test
    void shouldRefuseAnotherMinSizeOrAnUnknownRunwayKey() {
        IllegalArgumentException minSize = assertThrows(IllegalArgumentException.class,
                () -> ScaleToZero.fromTags(List.of(new Tag("runway:min-size", "2"))));
        assertTrue(minSize.getMessage().contains("runway:min-size"), minSize.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ScaleToZero.fromTags(List.of(new Tag("runway:idle-timout", "60"))));
        assertTrue(unknown.getMessage().contains("runway:idle-timout") && unknown.getMessage().contains("runway:idle-timeout"),
                unknown.getMessage());
    }

    @Test
    void shouldReadStoredTagsThatDoNotParseAsOff() {
        assertEquals(Optional.empty(), ScaleToZero.fromStoredTags(List.of(new Tag("runway:min-size", "0"),
                new Tag("runway:idle-timeout", "5"))));
    }
}
