package dev.runway.gateway.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * A metric's datapoints as a small SVG line chart the page draws without a chart library: one
 * point per period from start to end (a period without data is 0 for sums and counts, a gap
 * drawn as 0 otherwise), scaled into a fixed view box, with a text summary for screen readers.
 * Pure.
 */
final class Charts {

    static final int WIDTH = 600;
    static final int HEIGHT = 160;
    static final int PAD_LEFT = 44;
    static final int PAD_BOTTOM = 20;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    /** What one chart shows: which metric, which statistic, in which unit. */
    record Spec(String metric, String title, String statistic, String unit) {
    }

    static final List<Spec> SERVICE_CHARTS = List.of(
            new Spec("Requests", "Requests", "sum", "count"),
            new Spec("2xxStatusResponses", "2xx responses", "sum", "count"),
            new Spec("4xxStatusResponses", "4xx responses", "sum", "count"),
            new Spec("5xxStatusResponses", "5xx responses", "sum", "count"),
            new Spec("RequestLatency", "Request latency (p99)", "average", "ms"),
            new Spec("ActiveInstances", "Active instances", "maximum", "count"),
            new Spec("CPUUtilization", "CPU utilization", "average", "%"),
            new Spec("MemoryUtilization", "Memory utilization", "average", "%"));

    /** A y-axis or x-axis label at a position in the view box. */
    @TemplateData
    record Tick(double x, double y, String label, String anchor) {
    }

    /** A drawn chart: the polyline's points, axis labels, the largest and total value, a summary. */
    @TemplateData
    record Chart(String id, String title, String unit, String points, List<Tick> xTicks, List<Tick> yTicks,
            double total, double peak, boolean empty, String summary, String error) {

        public int width() {
            return WIDTH;
        }

        public int height() {
            return HEIGHT;
        }

        public int left() {
            return PAD_LEFT;
        }

        public int bottom() {
            return HEIGHT - PAD_BOTTOM;
        }

        public String totalText() {
            return number(total);
        }
    }

    static Chart failed(Spec spec, String message) {
        return new Chart(spec.metric(), spec.title(), spec.unit(), "", List.of(), List.of(), 0, 0, true,
                spec.title() + ": " + message, message);
    }

    /** Draws {@code datapoints} (the metric store's answer) for the window {@code [start, end)} in periods of {@code period}. */
    static Chart draw(Spec spec, JsonNode datapoints, Instant start, Instant end, Duration period) {
        long step = period.getSeconds();
        long from = start.getEpochSecond() / step * step;
        long to = end.getEpochSecond() / step * step;
        TreeMap<Long, Double> values = new TreeMap<>();
        for (long t = from; t <= to; t += step) {
            values.put(t, 0.0);
        }
        Double latest = null;
        long latestAt = Long.MIN_VALUE;
        for (JsonNode p : datapoints) {
            long t = Instant.parse(p.path("timestamp").asText()).getEpochSecond() / step * step;
            if (values.containsKey(t)) {
                double v = p.path(spec.statistic()).asDouble();
                values.put(t, v);
                if (t >= latestAt) {
                    latestAt = t;
                    latest = v;
                }
            }
        }
        double peak = values.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double total = spec.statistic().equals("sum") ? values.values().stream().mapToDouble(Double::doubleValue).sum()
                : latest == null ? 0 : latest;
        double top = niceCeiling(peak);
        double plotWidth = WIDTH - PAD_LEFT - 8;
        double plotHeight = HEIGHT - PAD_BOTTOM - 8;
        int n = values.size();
        StringBuilder points = new StringBuilder();
        int i = 0;
        for (double v : values.values()) {
            double x = PAD_LEFT + (n <= 1 ? 0 : plotWidth * i / (n - 1));
            double y = 8 + plotHeight - (top == 0 ? 0 : plotHeight * v / top);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            i++;
        }
        List<Tick> xTicks = new ArrayList<>();
        for (int k = 0; k <= 4; k++) {
            long t = from + (to - from) * k / 4;
            xTicks.add(new Tick(PAD_LEFT + plotWidth * k / 4, HEIGHT - 4, CLOCK.format(Instant.ofEpochSecond(t)),
                    k == 0 ? "start" : k == 4 ? "end" : "middle"));
        }
        List<Tick> yTicks = List.of(new Tick(PAD_LEFT - 6, 8 + 4, number(top), "end"),
                new Tick(PAD_LEFT - 6, 8 + plotHeight / 2 + 4, number(top / 2), "end"),
                new Tick(PAD_LEFT - 6, 8 + plotHeight + 4, "0", "end"));
        String what = spec.statistic().equals("sum") ? "total " + number(total) : "latest " + number(total);
        String summary = String.format(Locale.ROOT, "%s (%s), per %s from %s to %s UTC: %s, peak %s.", spec.title(),
                spec.unit(), minutes(step), CLOCK.format(Instant.ofEpochSecond(from)),
                CLOCK.format(Instant.ofEpochSecond(to)), what, number(peak));
        return new Chart(spec.metric(), spec.title(), spec.unit(), points.toString().strip(), xTicks, yTicks, total,
                peak, peak == 0, summary, null);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v} (1 for nothing). */
    static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * magnitude >= v) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
    }

    private static String minutes(long seconds) {
        return seconds % 3600 == 0 ? seconds / 3600 + " h" : seconds / 60 + " min";
    }

    private Charts() {
    }
}
