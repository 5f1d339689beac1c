package dev.runway.gateway.protocol;

import dev.runway.gateway.auth.Caller;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /}: the one address every AWS JSON service shares. The X-Amz-Target prefix picks
 * the protocol ({@link AwsJsonProtocols}). Requests get here only after {@code AuthRoutes}
 * verified their signature; the request id is the one it gave the request (via {@link Caller}),
 * so the x-amzn-RequestId header and the audit record name the same request. Every call that
 * gets here leaves an audit record (CloudTrail's shape) before the answer ({@link ApiCalls});
 * calls refused before (bad or missing signatures) are recorded by {@code audit.RefusedCallAudit}.
 */
@Path("/")
public class AwsJsonEndpoint {

    private final ApiCalls calls;
    private final Caller caller;

    public AwsJsonEndpoint(ApiCalls calls, Caller caller) {
        this.calls = calls;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response call(@HeaderParam("X-Amz-Target") String target, @HeaderParam("User-Agent") String userAgent,
            @Context HttpServerRequest request, byte[] body) {
        String source = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return calls.call(target, body, caller.requestId(),
                new ApiCalls.Who(caller.accessKeyId().orElse(null), source, userAgent));
    }
}
