package dev.runway.events.deploy;

import dev.runway.events.model.HealthCheck;
import dev.runway.events.model.ImageSource;
import dev.runway.events.model.InstanceSize;
import java.util.List;

/**
 * Run exactly {@code instances} instances of this (active) revision: start the missing ones and
 * report them only once healthy, or drain and stop the surplus, keeping first the instances in
 * {@code keep} (those the router sends traffic to). Answered with {@code RevisionScaled}.
 */
public record ScaleRevision(
        String serviceArn,
        String serviceName,
        int revision,
        ImageSource image,
        InstanceSize instance,
        HealthCheck healthCheck,
        int instances,
        List<String> keep) implements DeployCommand {

    public ScaleRevision {
        keep = keep == null ? List.of() : List.copyOf(keep);
    }
}
