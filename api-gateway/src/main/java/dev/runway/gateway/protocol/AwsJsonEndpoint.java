package dev.runway.gateway.protocol;

import dev.runway.gateway.auth.Caller;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * {@code POST /}: the one address every AWS JSON service shares. The X-Amz-Target prefix picks
 * the protocol: {@code AppRunner.} (JSON 1.0), {@code AWSEvents.} (EventBridge, JSON 1.1),
 * {@code com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.} (CloudTrail, JSON 1.1), and
 * {@code Logs_20140328.} (CloudWatch Logs, JSON 1.1) once a protocol bean serves it — a new
 * service is one more {@link AwsJsonProtocol} bean, nothing here changes.
 * A target no protocol claims (or none at all) is answered by App Runner, the gateway's own API.
 * The request id is the one {@code AuthRoutes} gave the request (via {@link Caller}), so the
 * x-amzn-RequestId header and everything recorded about the call name the same request.
 */
@Path("/")
public class AwsJsonEndpoint {

    private final List<AwsJsonProtocol> protocols;
    private final AppRunnerProtocol appRunner;
    private final Caller caller;

    public AwsJsonEndpoint(Instance<AwsJsonProtocol> protocols, AppRunnerProtocol appRunner, Caller caller) {
        this.protocols = protocols.stream().toList();
        this.appRunner = appRunner;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response call(@HeaderParam("X-Amz-Target") String target, String body) {
        AwsCall call = new AwsCall(target, body, caller.requestId());
        return protocolFor(target).handle(call);
    }

    private AwsJsonProtocol protocolFor(String target) {
        if (target != null) {
            for (AwsJsonProtocol protocol : protocols) {
                if (target.startsWith(protocol.targetPrefix())) {
                    return protocol;
                }
            }
        }
        return appRunner;
    }
}
