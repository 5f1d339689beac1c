package dev.runway.gateway.revisions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.events.wire.Json;
import dev.runway.gateway.protocol.ApiError;
import dev.runway.gateway.protocol.AppRunnerProtocol;
import dev.runway.gateway.protocol.AwsCall;
import dev.runway.gateway.protocol.AwsJsonProtocol;
import dev.runway.gateway.protocol.Operation;
import dev.runway.gateway.protocol.RequestJson;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runway's own operations, beside App Runner's on the same endpoint and signature (signing name
 * {@code apprunner}): {@code X-Amz-Target: Runway.<Operation>}, JSON 1.0 bodies, and App Runner's
 * error shape ({@code {"__type": …, "Message": …}}), so an App Runner client's error handling
 * reads them. There is no AWS model for them: each operation checks its own input and names the
 * member it refuses.
 */
@ApplicationScoped
public class RunwayProtocol implements AwsJsonProtocol {

    static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    static final String TARGET_PREFIX = "Runway.";

    private final Map<String, Operation> operations = new TreeMap<>();

    public RunwayProtocol(RevisionOperations revisions) {
        operations.put("ListRevisions", revisions::listRevisions);
        operations.put("DescribeTraffic", revisions::describeTraffic);
        operations.put("UpdateTraffic", revisions::updateTraffic);
    }

    @Override
    public String targetPrefix() {
        return TARGET_PREFIX;
    }

    @Override
    public String eventSource() {
        return "apprunner.amazonaws.com";
    }

    @Override
    public Response handle(AwsCall call) {
        String requestId = call.requestId();
        try {
            String name = call.operation(TARGET_PREFIX);
            Operation operation = operations.get(name);
            if (operation == null) {
                throw ApiError.protocol("UnknownOperationException", "Unknown operation '" + call.target()
                        + "'. Runway's extensions are: " + String.join(", ", operations.keySet().stream()
                                .map(o -> TARGET_PREFIX + o).toList())
                        + " (docs/api-compatibility.md, \"Runway extensions\").");
            }
            JsonNode input = RequestJson.read(call.body());
            JsonNode output = operation.handle(input);
            return Response.ok(Json.MAPPER.writeValueAsString(output), CONTENT_TYPE)
                    .header("x-amzn-RequestId", requestId).build();
        } catch (ApiError e) {
            Log.debugf("%s answered %s: %s", call.target(), e.type(), e.getMessage());
            return AppRunnerProtocol.error(e, requestId);
        } catch (RequestJson.BadBody e) {
            return AppRunnerProtocol.error(ApiError.protocol(e.problem() == RequestJson.Problem.MALFORMED
                    ? "SerializationException" : "InvalidRequestException", e.getMessage()), requestId);
        } catch (RuntimeException | JsonProcessingException e) {
            Log.errorf(e, "request %s (%s) failed", requestId, call.target());
            return AppRunnerProtocol.error(ApiError.internal("Runway could not complete the request (request id "
                    + requestId + "). The gateway log has the details."), requestId);
        }
    }
}
