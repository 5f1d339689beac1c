package dev.runway.gateway.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * CloudWatch Logs' filter pattern for unstructured lines: terms separated by spaces must all
 * appear ({@code ERROR timeout}); a quoted phrase matches as written ({@code "not found"}); a term
 * prefixed with {@code -} must not appear ({@code ERROR -health}); terms prefixed with {@code ?}
 * match when any of them appears ({@code ?ERROR ?WARN}). Matching is case-sensitive, as in
 * CloudWatch. An empty pattern matches every line. JSON ({@code { $.x = 1 }}) and space-delimited
 * ({@code [ip, user]}) patterns are refused with a message saying so. Pure.
 */
public final class FilterPattern {

    private final List<String> all = new ArrayList<>();
    private final List<String> none = new ArrayList<>();
    private final List<String> any = new ArrayList<>();

    private FilterPattern() {
    }

    /** Parses a pattern; {@link IllegalArgumentException} with a reason a person can act on. */
    public static FilterPattern parse(String pattern) {
        FilterPattern p = new FilterPattern();
        String text = pattern == null ? "" : pattern.trim();
        if (text.startsWith("{") || text.startsWith("[")) {
            throw new IllegalArgumentException("Runway matches terms and quoted phrases (e.g. ERROR \"not found\""
                    + " -health, or ?ERROR ?WARN); JSON ({ $.field = value }) and space-delimited ([a, b]) filter"
                    + " patterns are not supported.");
        }
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            char sign = c == '-' || c == '?' ? c : ' ';
            if (sign != ' ') {
                i++;
            }
            String term;
            if (i < text.length() && text.charAt(i) == '"') {
                int close = text.indexOf('"', i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("The filter pattern has a quote without its closing quote: "
                            + pattern);
                }
                term = text.substring(i + 1, close);
                i = close + 1;
            } else {
                int end = i;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
                term = text.substring(i, end);
                i = end;
            }
            if (term.isEmpty()) {
                throw new IllegalArgumentException("The filter pattern has an empty term: " + pattern);
            }
            (sign == '-' ? p.none : sign == '?' ? p.any : p.all).add(term);
        }
        return p;
    }

    public boolean matches(String line) {
        for (String term : all) {
            if (!line.contains(term)) {
                return false;
            }
        }
        for (String term : none) {
            if (line.contains(term)) {
                return false;
            }
        }
        if (any.isEmpty()) {
            return true;
        }
        for (String term : any) {
            if (line.contains(term)) {
                return true;
            }
        }
        return false;
    }
}
