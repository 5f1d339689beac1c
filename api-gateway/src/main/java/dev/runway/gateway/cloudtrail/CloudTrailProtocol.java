package dev.runway.gateway.cloudtrail;

import dev.runway.gateway.protocol.AwsJson11Protocol;
import dev.runway.gateway.protocol.Operation;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;

/** CloudTrail's JSON 1.1 protocol: {@code X-Amz-Target: com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.<Operation>}. */
@ApplicationScoped
public class CloudTrailProtocol extends AwsJson11Protocol {

    private final Map<String, Operation> operations = new TreeMap<>();

    public CloudTrailProtocol(LookupEventsOperation lookup) {
        operations.put("LookupEvents", lookup::lookupEvents);
    }

    @Override
    public String eventSource() {
        return "cloudtrail.amazonaws.com";
    }

    @Override
    public String targetPrefix() {
        return "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.";
    }

    @Override
    protected String serviceName() {
        return "CloudTrail";
    }

    @Override
    protected String invalidValueType() {
        return "InvalidParameterException";
    }

    @Override
    protected Map<String, Operation> operations() {
        return operations;
    }
}
