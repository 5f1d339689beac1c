package dev.runway.registry.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.events.wire.Json;
import dev.runway.registry.parameter.Parameters;
import dev.runway.registry.service.Rejection;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resolves a revision's RuntimeEnvironmentSecrets for the deploy-worker, as App Runner does at
 * deployment: an SSM parameter name or ARN, or a Secrets Manager ARN or partial ARN, optionally
 * followed by {@code :json-key:version-stage:version-id}. A reason never contains a value.
 */
@ApplicationScoped
public class SecretReferences {

    /** Values by variable, and a reason by variable for each reference that did not resolve. */
    public record Resolved(Map<String, String> values, Map<String, String> failures) {
        @Override
        public String toString() {
            return "Resolved[" + values.keySet() + ", values hidden, failures " + failures + "]";
        }
    }

    private final Parameters parameters;
    private final Secrets secrets;

    public SecretReferences(Parameters parameters, Secrets secrets) {
        this.parameters = parameters;
        this.secrets = secrets;
    }

    public Resolved resolve(Map<String, String> references) {
        Map<String, String> values = new TreeMap<>();
        Map<String, String> failures = new TreeMap<>();
        references.forEach((variable, reference) -> {
            try {
                values.put(variable, resolve(reference == null ? "" : reference));
            } catch (Rejection r) {
                failures.put(variable, r.getMessage());
            }
        });
        return new Resolved(values, failures);
    }

    private String resolve(String reference) throws Rejection {
        String[] fields = reference.split(":", -1);
        if (!reference.startsWith("arn:")) {
            return parameter(reference);
        }
        if (fields.length >= 6 && fields[2].equals("ssm")) {
            return parameter(reference);
        }
        if (fields.length < 7 || !fields[2].equals("secretsmanager") || !fields[5].equals("secret")) {
            throw new Rejection("UnresolvableReference", "it is neither an SSM parameter (name or ARN) nor a Secrets"
                    + " Manager secret ARN");
        }
        String secretId = String.join(":", java.util.Arrays.copyOf(fields, 7));
        String jsonKey = fields.length > 7 ? fields[7] : "";
        String stage = fields.length > 8 ? fields[8] : "";
        String versionId = fields.length > 9 ? fields[9] : "";
        String value = secrets.value(secretId, stage, versionId);
        return jsonKey.isEmpty() ? value : jsonKey(value, jsonKey);
    }

    private String parameter(String nameOrArn) throws Rejection {
        return parameters.value(nameOrArn).orElseThrow(() -> new Rejection("ParameterNotFound",
                "no SSM parameter has this name or ARN"));
    }

    private static String jsonKey(String value, String key) throws Rejection {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(value);
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            throw new Rejection("UnresolvableReference", "it picks the JSON key " + ListPages.shown(key)
                    + ", but the secret's value is not a JSON object");
        }
        JsonNode picked = json.get(key);
        if (picked == null) {
            throw new Rejection("UnresolvableReference", "the secret's JSON has no key " + ListPages.shown(key));
        }
        return picked.isTextual() ? picked.asText() : picked.toString();
    }
}
