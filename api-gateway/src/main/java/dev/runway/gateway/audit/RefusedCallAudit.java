package dev.runway.gateway.audit;

import dev.runway.gateway.auth.RefusedCall;
import dev.runway.gateway.protocol.AwsJsonProtocol;
import dev.runway.gateway.protocol.AwsJsonProtocols;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Records the API calls the gateway refused for their signature, as CloudTrail records failed calls. */
@ApplicationScoped
public class RefusedCallAudit {

    private final AuditTrail audit;
    private final AwsJsonProtocols protocols;

    public RefusedCallAudit(AuditTrail audit, AwsJsonProtocols protocols) {
        this.audit = audit;
        this.protocols = protocols;
    }

    void record(@Observes RefusedCall call) {
        AwsJsonProtocol protocol = protocols.forTarget(call.target());
        audit.record(new AuditRecords.Call(call.requestId(), call.time(), protocol.eventSource(),
                AwsJsonProtocols.operationName(protocol, call.target()), null, call.sourceIp(), call.userAgent(),
                AuditRecords.objectOrNull(call.body()), call.status(), call.errorCode(), call.errorMessage(),
                audit.region(), audit.accountId()));
    }
}
