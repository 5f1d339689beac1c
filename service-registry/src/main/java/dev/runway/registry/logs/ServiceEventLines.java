package dev.runway.registry.logs;

import dev.runway.events.Message;
import dev.runway.events.event.DeploymentFailed;
import dev.runway.events.event.DeploymentStarted;
import dev.runway.events.event.InstancesReplaced;
import dev.runway.events.event.OperationFailed;
import dev.runway.events.event.OperationStarted;
import dev.runway.events.event.OperationSucceeded;
import dev.runway.events.event.RevisionActivated;
import dev.runway.events.event.ServiceCreated;
import dev.runway.events.event.ServiceDeleted;
import dev.runway.events.event.ServiceScaled;
import dev.runway.events.event.ServiceStatusChanged;
import dev.runway.events.event.SourceBuilt;
import java.util.Optional;

/**
 * The line a service event writes to the service's {@code events} log stream, in App Runner's
 * words where the guide gives them ("[AppRunner] Service status is set to RUNNING."); events that
 * say nothing to a user (configuration bookkeeping, limits) write none. Pure.
 */
public final class ServiceEventLines {

    public static Optional<String> lineOf(Message event) {
        String line = null;
        if (event instanceof ServiceCreated e) {
            line = "Service " + e.serviceName() + " created.";
        } else if (event instanceof OperationStarted e) {
            line = "Operation " + e.operationType() + " with ID : " + hex(e.operationId()) + " started.";
        } else if (event instanceof DeploymentStarted e) {
            line = "Deployment with ID : " + hex(e.operationId()) + " started: revision " + e.revision()
                    + (e.imageIdentifier() == null ? "." : " of image " + e.imageIdentifier() + ".");
        } else if (event instanceof SourceBuilt e) {
            line = "Source code built for deployment " + hex(e.operationId()) + " (commit " + e.commitSha() + ").";
        } else if (event instanceof RevisionActivated e) {
            line = "Revision " + e.revision() + " serves traffic on " + e.endpoints().size() + " instance(s).";
        } else if (event instanceof DeploymentFailed e) {
            line = "Deployment with ID : " + hex(e.operationId()) + " failed: " + e.reason();
        } else if (event instanceof OperationSucceeded e) {
            line = "Operation " + e.operationType() + " with ID : " + hex(e.operationId()) + " succeeded.";
        } else if (event instanceof OperationFailed e) {
            line = "Operation " + e.operationType() + " with ID : " + hex(e.operationId()) + " failed: " + e.reason();
        } else if (event instanceof ServiceStatusChanged e) {
            // the registry writes the whole sentence, with the reason ("Service status is set to
            // CREATE_FAILED. <why>"); an event without one still gets App Runner's words
            line = e.message() == null || e.message().isBlank()
                    ? "Service status is set to " + e.currentStatus() + "." : e.message();
        } else if (event instanceof InstancesReplaced e) {
            line = "Instances of revision " + e.revision() + " replaced: " + e.reason();
        } else if (event instanceof ServiceScaled e) {
            line = "Scaled from " + e.fromInstances() + " to " + e.toInstances() + " instance(s): " + e.reason();
        } else if (event instanceof ServiceDeleted) {
            line = "Service deleted.";
        } else if (event instanceof dev.runway.events.event.TrafficShiftStarted e) {
            line = "Traffic change with ID : " + hex(e.operationId()) + " started: " + String.join(", ", e.traffic()
                    .stream().map(t -> share(t.revision(), t.percent(), t.tag())).toList()) + ".";
        } else if (event instanceof dev.runway.events.event.TrafficShifted e) {
            line = e.traffic().isEmpty() ? "All traffic goes to the active revision."
                    : "Traffic divided: " + String.join(", ", e.traffic().stream()
                            .map(t -> share(t.revision(), t.percent(), t.tag()) + " on " + t.endpoints().size()
                                    + " instance(s)").toList()) + ".";
        } else if (event instanceof dev.runway.events.event.RolloutStarted e) {
            line = "Gradual rollout of revision " + e.revision() + " started: " + String.join(" → ", e.steps().stream()
                    .map(p -> p + " %").toList()) + " of requests, " + e.intervalSeconds() + " s a step; revision "
                    + e.fromRevision() + " takes the rest.";
        } else if (event instanceof dev.runway.events.event.RolloutStepped e) {
            line = "Revision " + e.revision() + " takes " + e.percent() + " % of requests: " + e.reason();
        } else if (event instanceof dev.runway.events.event.RolloutRolledBack e) {
            line = e.reason() + " Figures: " + String.join("; ", e.figures().stream().map(f -> String.format(
                    java.util.Locale.ROOT, "revision %d %d requests, %d 5xx (%.1f %%), p99 %.0f ms", f.revision(),
                    f.requests(), f.status5xx(), f.errorRate(), f.latencyP99Millis())).toList()) + ".";
        }
        return Optional.ofNullable(line).map(l -> "[AppRunner] " + l);
    }

    private static String share(int revision, int percent, String tag) {
        return "revision " + revision + " " + percent + " %" + (tag == null ? "" : " (tag " + tag + ")");
    }

    /** App Runner writes operation ids as 32 hex digits. */
    private static String hex(java.util.UUID id) {
        return id == null ? "-" : id.toString().replace("-", "");
    }

    private ServiceEventLines() {
    }
}
