package dev.runway.events.log;

import dev.runway.events.Message;
import java.time.Instant;

/**
 * One line of a log, on {@code runway.logs}, in App Runner's log layout (SPEC.md §10.1): the
 * group {@code /aws/apprunner/<service-name>/<service-id>/service} holds one stream per
 * deployment, {@code deployment/<operation-id>}, whose lines start with {@code [AppRunner]}
 * (platform) or {@code [Build]} (the user's build output), and the stream {@code events} holds the
 * service's lifecycle; the group {@code /aws/apprunner/<service-name>/<service-id>/application}
 * holds one stream per instance, {@code instance/<instance-id>}, with what it writes to stdout and
 * stderr. The Kafka key is the service ARN, so a stream's lines stay in order.
 *
 * @param serviceArn the service the log belongs to
 * @param logGroup   e.g. {@code /aws/apprunner/web/0123.../service}
 * @param logStream  e.g. {@code deployment/4f1c...}
 * @param timestamp  when the line was written
 * @param message    the line, without its line break
 */
public record LogLine(String serviceArn, String logGroup, String logStream, Instant timestamp, String message)
        implements Message {

    @Override
    public String resourceArn() {
        return serviceArn;
    }

    /** The group of a service's platform logs (deployments and events). */
    public static String serviceGroup(String serviceName, String serviceId) {
        return "/aws/apprunner/" + serviceName + "/" + serviceId + "/service";
    }

    /** The group of a service's application output (its instances' stdout and stderr). */
    public static String applicationGroup(String serviceName, String serviceId) {
        return "/aws/apprunner/" + serviceName + "/" + serviceId + "/application";
    }

    /** The stream of one instance's output. */
    public static String instanceStream(String instanceId) {
        return "instance/" + instanceId;
    }

    /** The stream of a service's lifecycle events in its service group. */
    public static final String EVENTS_STREAM = "events";

    /** The stream of one deployment operation. */
    public static String deploymentStream(java.util.UUID operationId) {
        return "deployment/" + operationId.toString().replace("-", "");
    }
}
