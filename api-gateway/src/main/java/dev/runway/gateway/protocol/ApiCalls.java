package dev.runway.gateway.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.gateway.audit.AuditRecords;
import dev.runway.gateway.audit.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

/**
 * One AWS JSON call, from whichever door it came in: {@link AwsJsonEndpoint} (SigV4-signed
 * {@code POST /}) and the web console ({@code console.ConsoleApi}, in-process for a signed-in
 * access key) both come here, so both get the same protocol, validation, error shapes and audit
 * record. Blocking (the operations wait for the registry's verdict); never throws.
 */
@ApplicationScoped
public class ApiCalls {

    /** Who called, as the audit record names them: the access key (null when unauthenticated), address and agent. */
    public record Who(String accessKeyId, String sourceIp, String userAgent) {
    }

    private final AwsJsonProtocols protocols;
    private final AuditTrail audit;

    public ApiCalls(AwsJsonProtocols protocols, AuditTrail audit) {
        this.protocols = protocols;
        this.audit = audit;
    }

    /** Answers {@code target} (e.g. {@code AppRunner.CreateService}) in its protocol's shape and records the call. */
    public Response call(String target, byte[] body, String requestId, Who who) {
        AwsCall call = new AwsCall(target, body, requestId);
        Instant at = Instant.now();
        AwsJsonProtocol protocol = protocols.forTarget(target);
        Response response = protocol.handle(call);
        String errorCode = null;
        String errorMessage = null;
        if (response.getStatus() >= 400 && response.getEntity() instanceof String entity) {
            JsonNode error = AuditRecords.objectOrNull(entity);
            if (error != null) {
                errorCode = error.path("__type").asText(null);
                errorMessage = error.has("Message") ? error.path("Message").asText() : error.path("message").asText(null);
            }
        }
        audit.record(new AuditRecords.Call(call.requestId(), at, protocol.eventSource(),
                AwsJsonProtocols.operationName(protocol, target), who.accessKeyId(), who.sourceIp(), who.userAgent(),
                AuditRecords.objectOrNull(RequestJson.lenientUtf8(body)), response.getStatus(), errorCode, errorMessage,
                audit.region(), audit.accountId()));
        return response;
    }
}
