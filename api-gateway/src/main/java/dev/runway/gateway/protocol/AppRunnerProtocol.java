package dev.runway.gateway.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.events.wire.Json;
import dev.runway.gateway.model.ApiModel;
import dev.runway.gateway.model.ModelValidator;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;

/**
 * App Runner's JSON 1.0 protocol: every operation is {@code POST /} with
 * {@code X-Amz-Target: AppRunner.<Operation>}. Parses, validates against the API model,
 * dispatches, and turns every failure into App Runner's error shape here and nowhere else.
 * It also answers targets no other protocol claims (see {@link AwsJsonEndpoint}).
 */
@ApplicationScoped
public class AppRunnerProtocol implements AwsJsonProtocol {

    static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    static final String TARGET_PREFIX = "AppRunner.";

    private final ApiModel model;
    private final ModelValidator validator;
    private final Map<String, Operation> operations;

    public AppRunnerProtocol(ApiModel model, ModelValidator validator, Instance<OperationSet> features) {
        this.model = model;
        this.validator = validator;
        Map<String, Operation> all = new HashMap<>();
        for (OperationSet feature : features) {
            feature.operations().forEach((name, operation) -> {
                if (all.put(name, operation) != null) {
                    throw new IllegalStateException("operation " + name + " is served twice");
                }
            });
        }
        this.operations = Map.copyOf(all);
    }

    @Override
    public String eventSource() {
        return "apprunner.amazonaws.com";
    }

    @Override
    public String targetPrefix() {
        return TARGET_PREFIX;
    }

    @Override
    public Response handle(AwsCall call) {
        String target = call.target();
        String requestId = call.requestId();
        try {
            String name = operationName(target);
            JsonNode input = RequestJson.read(call.body());
            validator.validate(name, input);
            Operation operation = operations.get(name);
            if (operation == null) {
                throw ApiError.invalidRequest(name + " is part of the App Runner API but Runway does not serve it"
                        + " yet. Operations served now: " + String.join(", ", operations.keySet().stream().sorted().toList()) + ".");
            }
            JsonNode output = operation.handle(input);
            return Response.ok(Json.MAPPER.writeValueAsString(output), CONTENT_TYPE)
                    .header("x-amzn-RequestId", requestId).build();
        } catch (ApiError e) {
            Log.debugf("%s answered %s: %s", target, e.type(), e.getMessage());
            return error(e, requestId);
        } catch (RequestJson.BadBody e) {
            Log.debugf("%s refused its body: %s", target, e.getMessage());
            return error(ApiError.protocol(e.problem() == RequestJson.Problem.MALFORMED ? "SerializationException"
                    : "InvalidRequestException", e.getMessage()), requestId);
        } catch (RuntimeException | JsonProcessingException e) {
            Log.errorf(e, "request %s (%s) failed", requestId, target);
            return error(ApiError.internal("Runway could not complete the request (request id " + requestId
                    + "). The gateway log has the details."), requestId);
        }
    }

    private String operationName(String target) {
        if (target == null || target.isBlank()) {
            throw ApiError.protocol("UnknownOperationException",
                    "Missing X-Amz-Target header: App Runner requests name their operation as AppRunner.<Operation>.");
        }
        String name = target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : null;
        if (name == null || !model.hasOperation(name)) {
            throw ApiError.protocol("UnknownOperationException", "Unknown operation '" + target
                    + "'. X-Amz-Target must be AppRunner.<Operation>, one of the App Runner API's "
                    + model.operationCount() + " operations, e.g. AppRunner.ListServices.");
        }
        return name;
    }

    public static Response error(ApiError e, String requestId) {
        var body = Json.MAPPER.createObjectNode().put("__type", e.type()).put("Message", e.getMessage());
        return Response.status(e.status()).type(CONTENT_TYPE).entity(body.toString())
                .header("x-amzn-RequestId", requestId).header("X-Amzn-ErrorType", e.type()).build();
    }
}
