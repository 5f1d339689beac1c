package dev.runway.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runway.events.wire.Json;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChartsTest {

    private static final Charts.Spec REQUESTS = Charts.SERVICE_CHARTS.get(0);

    @Test
    void shouldDrawOnePointPerPeriodWithZeroWhereNoData() throws Exception {
        // given two minutes with requests in a five-minute window
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        var points = Json.MAPPER.readTree("""
                [{"timestamp":"2026-12-01T10:01:00Z","sum":4},{"timestamp":"2026-12-01T10:03:00Z","sum":6}]""");

        // when drawn
        Charts.Chart chart = Charts.draw(REQUESTS, points, start, start.plus(Duration.ofMinutes(4)), Duration.ofMinutes(1));

        // then five points, the total and peak, and a summary for screen readers
        assertEquals(5, chart.points().split(" ").length);
        assertEquals(10, chart.total());
        assertEquals(6, chart.peak());
        assertFalse(chart.empty());
        assertTrue(chart.summary().contains("total 10, peak 6"), chart.summary());
        assertEquals("10", chart.yTicks().get(0).label());
    }

    @Test
    void shouldShowTheLatestFigureOfAnAverageNotTheEmptyMinuteAfterIt() throws Exception {
        // given CPU figures until 10:02 in a window to 10:04
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        var points = Json.MAPPER.readTree("""
                [{"timestamp":"2026-12-01T10:01:00Z","average":40},{"timestamp":"2026-12-01T10:02:00Z","average":12.5}]""");

        // when drawn, then the figure shown is 10:02's
        Charts.Chart chart = Charts.draw(Charts.SERVICE_CHARTS.get(6), points, start, start.plus(Duration.ofMinutes(4)),
                Duration.ofMinutes(1));
        assertEquals("12.5", chart.totalText());
        assertEquals(40, chart.peak());
        assertEquals("end", chart.xTicks().get(4).anchor());
    }

    @Test
    void shouldSayNoDataAsAFlatEmptyChart() {
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        Charts.Chart chart = Charts.draw(REQUESTS, Json.MAPPER.createArrayNode(), start, start.plus(Duration.ofHours(1)),
                Duration.ofMinutes(1));
        assertTrue(chart.empty());
        assertEquals("0", chart.totalText());
    }

    @Test
    void shouldRoundTheScaleUpToOneTwoOrFive() {
        assertEquals(1, Charts.niceCeiling(0));
        assertEquals(5, Charts.niceCeiling(3.2));
        assertEquals(20, Charts.niceCeiling(11));
        assertEquals(100, Charts.niceCeiling(100));
    }
}
