package dev.runway.gateway.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.gateway.audit.AuditRecords;
import dev.runway.gateway.audit.AuditTrail;
import dev.runway.gateway.auth.Caller;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

/**
 * {@code POST /}: the one address every AWS JSON service shares. The X-Amz-Target prefix picks
 * the protocol ({@link AwsJsonProtocols}). Requests get here only after {@code AuthRoutes}
 * verified their signature; the request id is the one it gave the request (via {@link Caller}),
 * so the x-amzn-RequestId header and the audit record name the same request. Every call that
 * gets here leaves an audit record (CloudTrail's shape) before the answer; calls refused before
 * (bad or missing signatures) are recorded by {@code audit.RefusedCallAudit}.
 */
@Path("/")
public class AwsJsonEndpoint {

    private final AwsJsonProtocols protocols;
    private final AuditTrail audit;
    private final Caller caller;

    public AwsJsonEndpoint(AwsJsonProtocols protocols, AuditTrail audit, Caller caller) {
        this.protocols = protocols;
        this.audit = audit;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response call(@HeaderParam("X-Amz-Target") String target, @HeaderParam("User-Agent") String userAgent,
            @Context HttpServerRequest request, byte[] body) {
        AwsCall call = new AwsCall(target, body, caller.requestId());
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
        String source = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        audit.record(new AuditRecords.Call(call.requestId(), at, protocol.eventSource(),
                AwsJsonProtocols.operationName(protocol, target), caller.accessKeyId().orElse(null), source, userAgent,
                AuditRecords.objectOrNull(RequestJson.lenientUtf8(body)), response.getStatus(), errorCode, errorMessage, audit.region(),
                audit.accountId()));
        return response;
    }
}
