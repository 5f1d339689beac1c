package dev.runway.events.publicfeed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.Envelope;
import dev.runway.events.event.OperationFailed;
import dev.runway.events.event.OperationStarted;
import dev.runway.events.event.OperationSucceeded;
import dev.runway.events.event.ServiceStatusChanged;
import dev.runway.events.model.OperationType;
import dev.runway.events.model.ServiceStatus;
import dev.runway.events.resource.CustomDomainStatusChanged;
import dev.runway.events.wire.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * The public event feed: App Runner's EventBridge events (SPEC.md §12, the newer guide's shapes)
 * derived from Runway's internal events. Pure: the same internal event always gives the same
 * public event, id included (a name-based UUID of the internal event's id), so a subscriber that
 * gets one twice can drop the copy.
 *
 * <p>{@code ServiceStatusChanged} becomes {@code AppRunner Service Status Change};
 * {@code OperationStarted/Succeeded/Failed} become {@code AppRunner Service Operation Status Change};
 * {@code CustomDomainStatusChanged} becomes {@code AppRunner Custom Domain Status Change}, a Runway
 * extension in the same style (App Runner emits no custom-domain events; docs/api-compatibility.md);
 * every other internal event is not public.
 */
public final class PublicEvents {

    public static final String SOURCE = "aws.apprunner";
    public static final String STATUS_CHANGE = "AppRunner Service Status Change";
    public static final String OPERATION_STATUS_CHANGE = "AppRunner Service Operation Status Change";
    public static final String CUSTOM_DOMAIN_STATUS_CHANGE = "AppRunner Custom Domain Status Change";

    /** The public event for an internal one, or empty when the internal event is not public. */
    public static Optional<ObjectNode> from(Envelope internal) {
        Object payload = internal.payload();
        if (payload instanceof ServiceStatusChanged s) {
            ObjectNode detail = Json.MAPPER.createObjectNode();
            detail.put("previousServiceStatus", s.previousStatus() == null ? null : s.previousStatus().name());
            detail.put("currentServiceStatus", s.currentStatus().name());
            names(detail, s.serviceArn());
            detail.put("message", "Service status is set to " + s.currentStatus().name() + ".");
            detail.put("severity", isFailure(s.currentStatus()) ? "ERROR" : "INFO");
            return Optional.of(envelope(internal, STATUS_CHANGE, s.serviceArn(), detail));
        }
        if (payload instanceof OperationStarted o) {
            return Optional.of(operation(internal, o.serviceArn(), o.operationType(), Outcome.STARTED));
        }
        if (payload instanceof OperationSucceeded o) {
            return Optional.of(operation(internal, o.serviceArn(), o.operationType(), Outcome.SUCCEEDED));
        }
        if (payload instanceof OperationFailed o) {
            return Optional.of(operation(internal, o.serviceArn(), o.operationType(), Outcome.FAILED));
        }
        if (payload instanceof CustomDomainStatusChanged d) {
            return Optional.of(customDomain(internal, d));
        }
        return Optional.empty();
    }

    /** The stable public id of an internal event. */
    public static String idOf(UUID internalId) {
        return UUID.nameUUIDFromBytes(("runway-public-event:" + internalId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    enum Outcome {
        STARTED, SUCCEEDED, FAILED
    }

    private static ObjectNode operation(Envelope internal, String serviceArn, OperationType type, Outcome outcome) {
        ObjectNode detail = Json.MAPPER.createObjectNode();
        detail.put("operationStatus", operationStatus(type, outcome));
        names(detail, serviceArn);
        detail.put("message", message(type, outcome));
        detail.put("severity", outcome == Outcome.FAILED ? "ERROR" : "INFO");
        return envelope(internal, OPERATION_STATUS_CHANGE, serviceArn, detail);
    }

    private static ObjectNode customDomain(Envelope internal, CustomDomainStatusChanged d) {
        ObjectNode detail = Json.MAPPER.createObjectNode();
        detail.put("customDomainName", d.domainName());
        detail.put("currentCustomDomainStatus", d.status());
        names(detail, d.serviceArn());
        detail.put("message", d.statusReason() == null
                ? "Custom domain " + d.domainName() + " status is set to " + d.status() + "."
                : "Custom domain " + d.domainName() + " status is set to " + d.status() + ": " + d.statusReason());
        detail.put("severity", d.status().endsWith("_FAILED") ? "ERROR" : "INFO");
        return envelope(internal, CUSTOM_DOMAIN_STATUS_CHANGE, d.serviceArn(), detail);
    }

    /** e.g. CreateServiceStarted, UpdateServiceCompletedSuccessfully, DeploymentFailed. */
    static String operationStatus(OperationType type, Outcome outcome) {
        String suffix;
        if (outcome == Outcome.STARTED) {
            suffix = "Started";
        } else if (outcome == Outcome.SUCCEEDED) {
            suffix = "CompletedSuccessfully";
        } else {
            suffix = "Failed";
        }
        return operationName(type) + suffix;
    }

    private static String operationName(OperationType type) {
        switch (type) {
            case CREATE_SERVICE:
                return "CreateService";
            case DELETE_SERVICE:
                return "DeleteService";
            case UPDATE_SERVICE:
                return "UpdateService";
            case START_DEPLOYMENT:
                return "Deployment";
            case PAUSE_SERVICE:
                return "PauseService";
            case RESUME_SERVICE:
                return "ResumeService";
            default:
                throw new IllegalArgumentException("no public name for " + type);
        }
    }

    /** The guide's messages (SPEC.md §12.2). */
    static String message(OperationType type, Outcome outcome) {
        String noun;
        switch (type) {
            case CREATE_SERVICE:
                noun = "Service creation";
                break;
            case DELETE_SERVICE:
                noun = "Service deletion";
                break;
            case UPDATE_SERVICE:
                noun = "Service update";
                break;
            case START_DEPLOYMENT:
                noun = "Deployment";
                break;
            case PAUSE_SERVICE:
                noun = "Service pause";
                break;
            case RESUME_SERVICE:
                noun = "Service resume";
                break;
            default:
                throw new IllegalArgumentException("no public name for " + type);
        }
        if (outcome == Outcome.STARTED) {
            return noun + " started.";
        }
        if (outcome == Outcome.SUCCEEDED) {
            // every Runway update deploys a new revision of the application with its configuration
            return type == OperationType.UPDATE_SERVICE
                    ? "Service update completed successfully. New application and configuration is deployed."
                    : noun + " completed successfully.";
        }
        boolean seeLogs = type == OperationType.CREATE_SERVICE || type == OperationType.UPDATE_SERVICE
                || type == OperationType.START_DEPLOYMENT;
        return noun + " failed." + (seeLogs ? " For details, see service logs." : "");
    }

    private static boolean isFailure(ServiceStatus status) {
        return status == ServiceStatus.CREATE_FAILED || status == ServiceStatus.DELETE_FAILED;
    }

    /** serviceName and serviceId, read from the ARN {@code arn:...:service/<name>/<id>}. */
    private static void names(ObjectNode detail, String serviceArn) {
        String resource = serviceArn.substring(serviceArn.indexOf(":service/") + ":service/".length());
        int slash = resource.indexOf('/');
        detail.put("serviceName", slash < 0 ? resource : resource.substring(0, slash));
        detail.put("serviceId", slash < 0 ? "" : resource.substring(slash + 1));
    }

    private static ObjectNode envelope(Envelope internal, String detailType, String serviceArn, ObjectNode detail) {
        String[] arn = serviceArn.split(":", 6);
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("version", "0");
        event.put("id", idOf(internal.id()));
        event.put("detail-type", detailType);
        event.put("source", SOURCE);
        event.put("account", arn.length > 4 ? arn[4] : "");
        event.put("time", internal.time().truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", arn.length > 3 ? arn[3] : "");
        event.putArray("resources").add(serviceArn);
        event.set("detail", detail);
        return event;
    }

    /** A custom event from PutEvents in the same envelope (EventBridge's own shape). */
    public static ObjectNode custom(String id, String source, String detailType, ObjectNode detail, Instant time,
            String account, String region, Iterable<String> resources) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("version", "0");
        event.put("id", id);
        event.put("detail-type", detailType);
        event.put("source", source);
        event.put("account", account);
        event.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", region);
        var array = event.putArray("resources");
        resources.forEach(array::add);
        event.set("detail", detail);
        return event;
    }

    private PublicEvents() {
    }
}
