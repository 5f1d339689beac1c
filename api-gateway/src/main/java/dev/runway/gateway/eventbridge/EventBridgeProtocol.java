package dev.runway.gateway.eventbridge;

import dev.runway.gateway.protocol.AwsJson11Protocol;
import dev.runway.gateway.protocol.Operation;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;

/** EventBridge's JSON 1.1 protocol: {@code X-Amz-Target: AWSEvents.<Operation>}. */
@ApplicationScoped
public class EventBridgeProtocol extends AwsJson11Protocol {

    private final Map<String, Operation> operations = new TreeMap<>();

    public EventBridgeProtocol(RuleOperations rules, PutEventsOperation putEvents) {
        operations.put("PutRule", rules::putRule);
        operations.put("DescribeRule", rules::describeRule);
        operations.put("ListRules", rules::listRules);
        operations.put("EnableRule", rules::enableRule);
        operations.put("DisableRule", rules::disableRule);
        operations.put("DeleteRule", rules::deleteRule);
        operations.put("PutTargets", rules::putTargets);
        operations.put("RemoveTargets", rules::removeTargets);
        operations.put("ListTargetsByRule", rules::listTargetsByRule);
        operations.put("TestEventPattern", rules::testEventPattern);
        operations.put("PutEvents", putEvents::putEvents);
    }

    @Override
    public String eventSource() {
        return "events.amazonaws.com";
    }

    @Override
    public String targetPrefix() {
        return "AWSEvents.";
    }

    @Override
    protected String serviceName() {
        return "EventBridge";
    }

    @Override
    protected String internalErrorType() {
        return "InternalException";
    }

    @Override
    protected Map<String, Operation> operations() {
        return operations;
    }
}
