package dev.runway.gateway.logs;

import dev.runway.gateway.protocol.AwsJson11Protocol;
import dev.runway.gateway.protocol.Operation;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;

/** CloudWatch Logs' JSON 1.1 protocol: {@code X-Amz-Target: Logs_20140328.<Operation>}. */
@ApplicationScoped
public class LogsProtocol extends AwsJson11Protocol {

    private final Map<String, Operation> operations = new TreeMap<>();

    public LogsProtocol(LogsOperations logs) {
        operations.put("DescribeLogGroups", logs::describeLogGroups);
        operations.put("DescribeLogStreams", logs::describeLogStreams);
        operations.put("GetLogEvents", logs::getLogEvents);
        operations.put("FilterLogEvents", logs::filterLogEvents);
    }

    @Override
    public String eventSource() {
        return "logs.amazonaws.com";
    }

    @Override
    public String targetPrefix() {
        return "Logs_20140328.";
    }

    @Override
    protected String serviceName() {
        return "CloudWatch Logs";
    }

    @Override
    protected String internalErrorType() {
        return "ServiceUnavailableException";
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
