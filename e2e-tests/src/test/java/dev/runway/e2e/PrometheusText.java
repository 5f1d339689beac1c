package dev.runway.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A strict reader of Prometheus' text exposition format (version 0.0.4): {@code # HELP} and
 * {@code # TYPE} lines, samples {@code name{label="value",...} value [timestamp]}. Anything off the
 * format (a bad name, an unterminated or badly escaped label value, a value that is no number, a
 * TYPE after its samples or twice, a sample repeated, a sample outside its TYPE's family) fails
 * with the line, so a test that reads the router's output proves it parses.
 */
final class PrometheusText {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");
    private static final String[] SUFFIXES = {"", "_total", "_created", "_sum", "_count", "_bucket"};

    /** One sample. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples = new ArrayList<>();
    private final Map<String, String> types = new HashMap<>();

    static PrometheusText parse(String text) {
        PrometheusText out = new PrometheusText();
        Set<String> seenSeries = new HashSet<>();
        Set<String> familiesWithSamples = new HashSet<>();
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                String[] parts = line.split(" ", 4);
                if (parts.length >= 3 && parts[1].equals("TYPE")) {
                    String family = parts[2];
                    String type = parts.length == 4 ? parts[3] : "";
                    check(METRIC_NAME.matcher(family).matches(), lineNo, line, "bad metric name");
                    check(TYPES.contains(type), lineNo, line, "unknown type '" + type + "'");
                    check(!out.types.containsKey(family), lineNo, line, "second TYPE for " + family);
                    check(!familiesWithSamples.contains(family), lineNo, line, "TYPE after samples of " + family);
                    out.types.put(family, type);
                } else if (parts.length >= 3 && parts[1].equals("HELP")) {
                    check(METRIC_NAME.matcher(parts[2]).matches(), lineNo, line, "bad metric name");
                }
                continue;
            }
            Sample sample = sample(line, lineNo);
            String family = out.familyOf(sample.name());
            check(family != null, lineNo, line, "sample without a TYPE for its family");
            familiesWithSamples.add(family);
            check(seenSeries.add(sample.name() + new java.util.TreeMap<>(sample.labels())), lineNo, line,
                    "the same series twice");
            out.samples.add(sample);
        }
        return out;
    }

    /** The value of the one sample named {@code name} with exactly these labels; null if none. */
    Double value(String name, Map<String, String> labels) {
        Double found = null;
        for (Sample s : samples) {
            if (s.name().equals(name) && s.labels().equals(labels)) {
                if (found != null) {
                    throw new AssertionError("more than one sample " + name + labels);
                }
                found = s.value();
            }
        }
        return found;
    }

    List<Sample> samples() {
        return samples;
    }

    String typeOf(String family) {
        return types.get(family);
    }

    private String familyOf(String sampleName) {
        for (String suffix : SUFFIXES) {
            if (sampleName.endsWith(suffix)) {
                String family = sampleName.substring(0, sampleName.length() - suffix.length());
                if (types.containsKey(family)) {
                    return family;
                }
            }
        }
        return types.containsKey(sampleName) ? sampleName : null;
    }

    private static Sample sample(String line, int lineNo) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        check(METRIC_NAME.matcher(name).matches(), lineNo, line, "bad metric name '" + name + "'");
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (true) {
                check(i < line.length(), lineNo, line, "unterminated labels");
                if (line.charAt(i) == '}') {
                    i++;
                    break;
                }
                int eq = line.indexOf('=', i);
                check(eq > i, lineNo, line, "label without '='");
                String label = line.substring(i, eq);
                check(LABEL_NAME.matcher(label).matches(), lineNo, line, "bad label name '" + label + "'");
                check(eq + 1 < line.length() && line.charAt(eq + 1) == '"', lineNo, line, "label value not quoted");
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                while (true) {
                    check(j < line.length(), lineNo, line, "unterminated label value");
                    char c = line.charAt(j);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        check(j + 1 < line.length(), lineNo, line, "dangling escape");
                        char e = line.charAt(j + 1);
                        check(e == '\\' || e == '"' || e == 'n', lineNo, line, "bad escape \\" + e);
                        value.append(e == 'n' ? '\n' : e);
                        j += 2;
                        continue;
                    }
                    value.append(c);
                    j++;
                }
                check(labels.put(label, value.toString()) == null, lineNo, line, "label " + label + " twice");
                i = j + 1;
                check(i < line.length(), lineNo, line, "unterminated labels");
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
        }
        check(i < line.length() && line.charAt(i) == ' ', lineNo, line, "no space before the value");
        String[] rest = line.substring(i + 1).trim().split(" +");
        check(rest.length == 1 || rest.length == 2, lineNo, line, "expected a value and an optional timestamp");
        double value = number(rest[0], lineNo, line);
        if (rest.length == 2) {
            try {
                Long.parseLong(rest[1]);
            } catch (NumberFormatException e) {
                throw new AssertionError("line " + lineNo + ": bad timestamp: " + line);
            }
        }
        return new Sample(name, labels, value);
    }

    private static double number(String s, int lineNo, String line) {
        switch (s) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new AssertionError("line " + lineNo + ": '" + s + "' is not a number: " + line);
                }
        }
    }

    private static void check(boolean ok, int lineNo, String line, String what) {
        if (!ok) {
            throw new AssertionError("Prometheus text, line " + lineNo + ": " + what + ": " + line);
        }
    }

    private PrometheusText() {
    }
}
