package dev.runway.gateway.protocol;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.List;

/**
 * The AWS services spoken on {@code POST /}, by X-Amz-Target prefix: {@code AppRunner.} (JSON
 * 1.0), {@code AWSEvents.} (EventBridge, JSON 1.1),
 * {@code com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.} (CloudTrail, JSON 1.1), and
 * {@code Logs_20140328.} (CloudWatch Logs) once a protocol bean serves it — a new service is one
 * more {@link AwsJsonProtocol} bean, nothing here changes. A target no protocol claims (or none
 * at all) is answered by App Runner, the gateway's own API.
 */
@ApplicationScoped
public class AwsJsonProtocols {

    private final List<AwsJsonProtocol> protocols;
    private final AppRunnerProtocol appRunner;

    public AwsJsonProtocols(Instance<AwsJsonProtocol> protocols, AppRunnerProtocol appRunner) {
        this.protocols = protocols.stream().toList();
        this.appRunner = appRunner;
    }

    public AwsJsonProtocol forTarget(String target) {
        if (target != null) {
            for (AwsJsonProtocol protocol : protocols) {
                if (target.startsWith(protocol.targetPrefix())) {
                    return protocol;
                }
            }
        }
        return appRunner;
    }

    /** The operation a target names for its protocol (the whole target when it does not fit the protocol). */
    public static String operationName(AwsJsonProtocol protocol, String target) {
        return target != null && target.startsWith(protocol.targetPrefix())
                ? target.substring(protocol.targetPrefix().length()) : String.valueOf(target);
    }
}
