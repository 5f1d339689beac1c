package dev.runway.gateway.protocol;

import dev.runway.gateway.model.ApiModel;
import dev.runway.gateway.model.ModelValidator;
import dev.runway.gateway.registry.InternalApiClient;
import java.util.Map;
import java.util.TreeMap;

/**
 * A JSON 1.1 API whose every operation the service-registry answers over its internal HTTP API
 * (docs/secrets.md): SSM Parameter Store and Secrets Manager. The gateway serves exactly the
 * operations in the API's bundled, trimmed model ({@code /<key>/service-2.json}), checks each
 * request against it, and hands the checked request to {@code /internal/<key>/<Operation>}.
 * Requests carrying values take this way, never Kafka. Subclasses are {@code @Singleton} beans:
 * a client proxy would need a no-args constructor, and they hold nothing that changes.
 */
public abstract class RegistryForwardedProtocol extends AwsJson11Protocol {

    /**
     * What tells one such API from another. {@code key} names its model resource folder and its
     * registry path; the error types are the ones its AWS service answers (see AwsJson11Protocol).
     */
    public record Api(String key, String serviceName, String targetPrefix, String eventSource,
            String internalErrorType, String invalidValueType) {
    }

    /** SSM's and Secrets Manager's front ends both answer a broken model constraint with this type. */
    static final String MODEL_VIOLATION = "ValidationException";

    private final Api api;
    private final Map<String, Operation> operations = new TreeMap<>();

    protected RegistryForwardedProtocol(Api api, InternalApiClient registry) {
        this.api = api;
        ApiModel model = new ApiModel("/" + api.key() + "/service-2.json");
        ModelValidator validator = new ModelValidator(model, MODEL_VIOLATION);
        for (String name : model.operationNames()) {
            String path = "/internal/" + api.key() + "/" + name;
            operations.put(name, input -> {
                validator.validate(name, input);
                return registry.post(path, input.toString());
            });
        }
    }

    @Override
    public String targetPrefix() {
        return api.targetPrefix();
    }

    @Override
    public String eventSource() {
        return api.eventSource();
    }

    @Override
    protected String serviceName() {
        return api.serviceName();
    }

    @Override
    protected String internalErrorType() {
        return api.internalErrorType();
    }

    @Override
    protected String invalidValueType() {
        return api.invalidValueType();
    }

    @Override
    protected Map<String, Operation> operations() {
        return operations;
    }
}
