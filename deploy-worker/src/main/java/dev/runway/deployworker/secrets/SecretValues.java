package dev.runway.deployworker.secrets;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Resolved secret values by variable name. They live only in memory, for as long as one rollout
 * needs them (the containers' create call, and masking the instances' log lines in a failure
 * reason); {@link #toString()} names the variables, never a value.
 */
public final class SecretValues {

    /** Values shorter than this are not masked: masking "a" would garble every log line. */
    static final int MASKED_FROM_LENGTH = 4;
    static final String MASK = "****";

    public static final SecretValues NONE = new SecretValues(Map.of());

    private final Map<String, String> byVariable;
    /** Longest first, so a value that contains another is masked whole. */
    private final List<String> masked;

    public SecretValues(Map<String, String> byVariable) {
        this.byVariable = Map.copyOf(byVariable);
        this.masked = this.byVariable.values().stream().filter(v -> v.length() >= MASKED_FROM_LENGTH).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /**
     * The value of one variable.
     *
     * @throws IllegalArgumentException when none was resolved for it: a container never gets the
     *                                  reference in place of the value
     */
    public String of(String variable) {
        String value = byVariable.get(variable);
        if (value == null) {
            throw new IllegalArgumentException("No value was resolved for the secret variable " + variable);
        }
        return value;
    }

    /** {@code text} with every value of at least four characters replaced by {@code ****}. */
    public String mask(String text) {
        String out = text;
        for (String value : masked) {
            out = out.replace(value, MASK);
        }
        return out;
    }

    @Override
    public String toString() {
        return "SecretValues" + new TreeSet<>(byVariable.keySet());
    }
}
