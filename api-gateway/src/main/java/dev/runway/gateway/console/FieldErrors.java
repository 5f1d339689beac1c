package dev.runway.gateway.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts an API validation message beside the form fields it is about. A model violation reads
 * {@code "2 validation errors detected: Value '' at 'serviceName' failed to satisfy constraint: …;
 * Value null at 'sourceConfiguration.imageRepository.imageIdentifier' …"}; each part goes to the
 * field its member path names (the form's map of paths to fields), in the API's own words.
 * Anything no field claims stays for the form as a whole. Pure.
 */
final class FieldErrors {

    private static final Pattern PREFIX = Pattern.compile("^\\d+ validation errors? detected: ");
    private static final Pattern PATH = Pattern.compile("at '([^']*)'");

    /** Messages by field; the key {@link #FORM} holds what belongs to no field. */
    static final String FORM = "";

    static Map<String, String> place(String message, Map<String, String> fieldsByPath) {
        Map<String, String> placed = new LinkedHashMap<>();
        if (message == null) {
            return placed;
        }
        Matcher prefix = PREFIX.matcher(message);
        List<String> parts = prefix.find() ? List.of(message.substring(prefix.end()).split("; (?=Value )"))
                : List.of(message);
        for (String part : parts) {
            String field = FORM;
            Matcher path = PATH.matcher(part);
            if (path.find()) {
                field = fieldFor(path.group(1), fieldsByPath);
            }
            placed.merge(field, part, (a, b) -> a + " " + b);
        }
        return placed;
    }

    /**
     * As {@link #place(String, Map)}; a message without a member path goes to the field of the
     * first of {@code words} it contains (the registry's own checks name the member in words).
     */
    static Map<String, String> place(String message, Map<String, String> fieldsByPath, Map<String, String> words) {
        Map<String, String> placed = place(message, fieldsByPath);
        String unplaced = placed.get(FORM);
        if (unplaced != null) {
            for (Map.Entry<String, String> w : words.entrySet()) {
                if (unplaced.contains(w.getKey())) {
                    placed.remove(FORM);
                    placed.merge(w.getValue(), unplaced, (a, b) -> a + " " + b);
                    break;
                }
            }
        }
        return placed;
    }

    /** The field of the longest path that is the member path or one of its parents (a map entry's key path included). */
    private static String fieldFor(String memberPath, Map<String, String> fieldsByPath) {
        String best = FORM;
        int bestLength = -1;
        for (Map.Entry<String, String> e : fieldsByPath.entrySet()) {
            String p = e.getKey();
            boolean covers = memberPath.equals(p) || memberPath.startsWith(p + ".") || memberPath.startsWith(p + "[");
            if (covers && p.length() > bestLength) {
                best = e.getValue();
                bestLength = p.length();
            }
        }
        return best;
    }

    private FieldErrors() {
    }
}
