package dev.runway.gateway.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.events.wire.Json;
import io.quarkus.logging.Log;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * AWS's JSON 1.1 protocol as EventBridge, CloudTrail and CloudWatch Logs speak it: the body is a
 * JSON object, the answer {@code application/x-amz-json-1.1}, and errors are
 * {@code {"__type": type, "message": text}} (the SDKs and the CLI read the type from
 * {@code __type} and the text from {@code message}). Subclasses only name their operations.
 */
public abstract class AwsJson11Protocol implements AwsJsonProtocol {

    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    /** The service's name as its messages use it, e.g. "EventBridge". */
    protected abstract String serviceName();

    /** Operation name (after the prefix) to handler. */
    protected abstract Map<String, Operation> operations();

    /** The type this service answers for failures of its own (a 500), e.g. "InternalException". */
    protected String internalErrorType() {
        return "InternalFailure";
    }

    /** The type this service answers for a member whose value it cannot take, e.g. "ValidationException". */
    protected String invalidValueType() {
        return "ValidationException";
    }

    @Override
    public Response handle(AwsCall call) {
        try {
            String name = call.operation(targetPrefix());
            Operation operation = operations().get(name);
            if (operation == null) {
                throw ApiError.protocol("UnknownOperationException", "Unknown operation '" + call.target()
                        + "'. Runway's " + serviceName() + " serves " + targetPrefix() + "<Operation> for: "
                        + String.join(", ", operations().keySet().stream().sorted().toList()) + ".");
            }
            JsonNode output = operation.handle(RequestJson.read(call.body()));
            return Response.ok(Json.MAPPER.writeValueAsString(output), CONTENT_TYPE)
                    .header("x-amzn-RequestId", call.requestId()).build();
        } catch (RequestJson.BadBody e) {
            // not the message: a JSON parser's may quote the body, and SSM's and Secrets Manager's bodies hold values
            Log.debugf("%s refused its body (%s)", call.target(), e.problem());
            return error(ApiError.protocol(e.problem() == RequestJson.Problem.MALFORMED ? "SerializationException"
                    : invalidValueType(), e.getMessage()), call.requestId());
        } catch (ApiError e) {
            Log.debugf("%s answered %s: %s", call.target(), e.type(), e.getMessage());
            // shared code (the command bus, the registry client) says App Runner's internal type
            ApiError answer = e.status() >= 500 ? ApiError.withStatus(internalErrorType(), e.status(), e.getMessage()) : e;
            return error(answer, call.requestId());
        } catch (RuntimeException | JsonProcessingException e) {
            Log.errorf(e, "request %s (%s) failed", call.requestId(), call.target());
            return error(ApiError.withStatus(internalErrorType(), 500, "Runway could not complete the request (request id "
                    + call.requestId() + "). The gateway log has the details."), call.requestId());
        }
    }

    public static Response error(ApiError e, String requestId) {
        var body = Json.MAPPER.createObjectNode().put("__type", e.type()).put("message", e.getMessage());
        return Response.status(e.status()).type(CONTENT_TYPE).entity(body.toString())
                .header("x-amzn-RequestId", requestId).header("X-Amzn-ErrorType", e.type()).build();
    }
}
