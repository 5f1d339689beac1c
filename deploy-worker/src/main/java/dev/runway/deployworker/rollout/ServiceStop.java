package dev.runway.deployworker.rollout;

import dev.runway.deployworker.engine.Container;
import dev.runway.deployworker.engine.ContainerEngine;
import dev.runway.deployworker.engine.EngineException;
import dev.runway.deployworker.image.ImageReference;
import dev.runway.events.deploy.StopService;
import dev.runway.events.report.InstancesStopFailed;
import dev.runway.events.report.InstancesStopped;
import dev.runway.events.report.Report;
import io.quarkus.logging.Log;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.stream.Collectors;

/**
 * Stops and removes every container of a service on this platform, whatever its revision. Safe to
 * run twice: a service without containers is already stopped.
 */
@Singleton
public class ServiceStop {

    private final ContainerEngine engine;
    private final DeploySettings settings;
    private final ContainerReaper reaper;

    @Inject
    ServiceStop(ContainerEngine engine, DeploySettings settings) {
        this.engine = engine;
        this.settings = settings;
        this.reaper = new ContainerReaper(engine);
    }

    public Report stop(StopService command) {
        Report report = stopInstances(command);
        if (report instanceof InstancesStopped && command.removeImage() != null) {
            removeImage(command.removeImage());
        }
        return report;
    }

    /** Deleting a service leaves no local copy of its image behind, unless another container still runs it. */
    private void removeImage(String identifier) {
        try {
            ImageReference image = ImageReference.resolve(identifier, settings.imageRegistry());
            engine.removeImage(image);
            Log.infof("removed the local copy of %s", image);
        } catch (EngineException | IllegalArgumentException e) {
            Log.infof("kept the local copy of %s: %s", identifier, e.getMessage());
        }
    }

    private Report stopInstances(StopService command) {
        String who = serviceName(command.serviceArn()) + " (op " + command.operationId() + ")";
        var selector = Labels.ofService(settings.platformId(), command.serviceArn());
        try {
            var got = engine.containers(selector);
            if (got.isEmpty()) {
                Log.infof("%s: want 0 instances, got 0 → nothing to stop", who);
                return new InstancesStopped(command.serviceArn(), command.operationId());
            }
            Log.infof("%s: want 0 instances, got %d → stopping %s", who, got.size(), names(got));
            var failures = reaper.stopAndRemove(got, settings.stopGrace());
            var left = engine.containers(selector);
            if (!failures.isEmpty() || !left.isEmpty()) {
                String reason = "Could not remove " + left.size() + " of " + got.size() + " container(s) of the service"
                        + (failures.isEmpty() ? ": " + names(left) : ": " + String.join("; ", failures));
                Log.infof("%s: stop failed: %s", who, reason);
                return new InstancesStopFailed(command.serviceArn(), command.operationId(), reason);
            }
            Log.infof("%s: want 0 instances, got 0 → stopped and removed %d container(s)", who, got.size());
            return new InstancesStopped(command.serviceArn(), command.operationId());
        } catch (EngineException e) {
            String reason = "The Docker engine at " + engine.host() + " " + e.getMessage();
            Log.infof("%s: stop failed: %s", who, reason);
            return new InstancesStopFailed(command.serviceArn(), command.operationId(), reason);
        }
    }

    /** {@code arn:aws:apprunner:<region>:<account>:service/<name>/<id>} → {@code <name>}. */
    static String serviceName(String serviceArn) {
        int slash = serviceArn.indexOf("service/");
        if (slash < 0) {
            return serviceArn;
        }
        String rest = serviceArn.substring(slash + "service/".length());
        int end = rest.indexOf('/');
        return end < 0 ? rest : rest.substring(0, end);
    }

    private static String names(java.util.List<Container> containers) {
        return containers.stream().map(Container::name).collect(Collectors.joining(", "));
    }
}
