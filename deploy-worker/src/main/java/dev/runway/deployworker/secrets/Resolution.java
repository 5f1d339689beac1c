package dev.runway.deployworker.secrets;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What became of a revision's secret references. Only {@link Resolved} holds values. */
public sealed interface Resolution {

    /** The values, or what {@code onFailure} makes of a failure, thrown. */
    <X extends Exception> SecretValues valuesOrThrow(Function<? super Failure, X> onFailure) throws X;

    /** The references cannot be used; the reason names variables and references, never a value. */
    sealed interface Failure extends Resolution {

        /** The reason a user reads, given the references that were asked about. */
        String reason(Map<String, String> references);

        @Override
        default <X extends Exception> SecretValues valuesOrThrow(Function<? super Failure, X> onFailure) throws X {
            throw onFailure.apply(this);
        }
    }

    /** Every reference resolved; a value for every variable asked about. */
    record Resolved(SecretValues values) implements Resolution {

        @Override
        public <X extends Exception> SecretValues valuesOrThrow(Function<? super Failure, X> onFailure) {
            return values;
        }
    }

    /**
     * The registry refused: {@code failures} names, per variable, why its reference does not
     * resolve (a reason naming the reference, never a value); {@code message} is the registry's
     * summary, for an answer that names no variable.
     */
    record Unresolvable(Map<String, String> failures, String message) implements Failure {

        public Unresolvable {
            failures = Map.copyOf(failures);
        }

        /**
         * {@code Secret reference of variable DB_PASSWORD (/shop/db) does not resolve: <why>}, one
         * sentence per variable.
         */
        @Override
        public String reason(Map<String, String> references) {
            if (failures.isEmpty()) {
                return "The secret references of variables " + String.join(", ", new TreeMap<>(references).keySet())
                        + " do not resolve: " + message;
            }
            return new TreeMap<>(failures).entrySet().stream()
                    .map(failure -> "Secret reference of variable " + failure.getKey() + " ("
                            + references.getOrDefault(failure.getKey(), "not one of the service's") + ") does not "
                            + "resolve: " + failure.getValue())
                    .collect(Collectors.joining("; "));
        }
    }

    /** The registry did not answer, or not in a way that can be read; {@code detail} says how. */
    record Unavailable(String detail) implements Failure {

        @Override
        public String reason(Map<String, String> references) {
            return "The secret references of variables " + String.join(", ", new TreeMap<>(references).keySet())
                    + " could not be resolved: " + detail + ". Deploy again once the service-registry answers.";
        }
    }
}
