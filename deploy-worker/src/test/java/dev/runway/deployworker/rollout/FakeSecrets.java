package dev.runway.deployworker.rollout;

import dev.runway.deployworker.secrets.Resolution;
import dev.runway.deployworker.secrets.SecretResolver;
import dev.runway.deployworker.secrets.SecretValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The registry's parameters and secrets as a map from reference to value. */
class FakeSecrets implements SecretResolver {

    static final String TOKEN_REFERENCE = "/hello/token";
    static final String TOKEN_VALUE = "s3cr3t-value";

    final Map<String, String> store = new HashMap<>(Map.of(TOKEN_REFERENCE, TOKEN_VALUE));
    final List<Map<String, String>> calls = new ArrayList<>();
    /** How many of the next calls find the registry not answering. */
    int unavailableFor;

    @Override
    public Resolution resolve(Map<String, String> references) {
        calls.add(Map.copyOf(references));
        if (unavailableFor > 0) {
            unavailableFor--;
            return new Resolution.Unavailable("the service-registry at http://127.0.0.1:9001 did not answer "
                    + "(ConnectException)");
        }
        var values = new HashMap<String, String>();
        var failures = new HashMap<String, String>();
        references.forEach((variable, reference) -> {
            if (store.containsKey(reference)) {
                values.put(variable, store.get(reference));
            } else {
                failures.put(variable, "parameter " + reference + " not found");
            }
        });
        return failures.isEmpty() ? new Resolution.Resolved(new SecretValues(values))
                : new Resolution.Unresolvable(failures, "Secret references do not resolve");
    }
}
