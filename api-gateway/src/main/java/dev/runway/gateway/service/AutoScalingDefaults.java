package dev.runway.gateway.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.query.Page;
import dev.runway.events.resource.Records;
import dev.runway.gateway.autoscaling.AutoScalingOperations;
import dev.runway.gateway.config.GatewayConfig;
import dev.runway.gateway.protocol.ApiError;
import dev.runway.gateway.resources.ResourceRegistry;
import dev.runway.events.wire.Json;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A service's auto scaling configuration: the account default (initially App Runner's own
 * {@code DefaultConfiguration} revision 1: MaxConcurrency 100, MinSize 1, MaxSize 25) when a
 * request names none, else the active revision it names, as the registry knows them.
 */
@ApplicationScoped
public class AutoScalingDefaults {

    static final String NAME = "DefaultConfiguration";
    static final String ID = "00000000000000000000000000000001";
    private static final TypeReference<Records.AutoScalingConfiguration> ONE = new TypeReference<>() {
    };
    private static final TypeReference<Page<Records.AutoScalingConfiguration>> PAGE = new TypeReference<>() {
    };

    private final String builtIn;
    private final ResourceRegistry registry;

    public AutoScalingDefaults(GatewayConfig config, ResourceRegistry registry) {
        this.builtIn = "arn:" + config.partition() + ":apprunner:" + config.region() + ":" + config.accountId()
                + ":autoscalingconfiguration/" + NAME + "/1/" + ID;
        this.registry = registry;
    }

    /** The account's default now (UpdateDefaultAutoScalingConfiguration changes it). */
    public String arn() {
        return registry.get("auto-scaling-configurations?latestOnly=false&limit=1000", PAGE)
                .flatMap(p -> p.items().stream().filter(Records.AutoScalingConfiguration::isDefault).findFirst())
                .map(Records.AutoScalingConfiguration::arn).orElse(builtIn);
    }

    /**
     * The active revision an ARN names (a name-only ARN: its latest revision), or an
     * InvalidRequestException saying none does.
     */
    public String resolve(String arn) {
        Records.AutoScalingConfiguration c = registry.get("auto-scaling-configuration?arn=" + ResourceRegistry.q(arn), ONE)
                .filter(x -> x.status().equals("ACTIVE"))
                .orElseThrow(() -> ApiError.invalidRequest("No active auto scaling configuration " + arn + " exists."
                        + " Create it with create-auto-scaling-configuration, or leave AutoScalingConfigurationArn out"
                        + " to use the account default."));
        return c.arn();
    }

    ObjectNode summary(String configurationArn) {
        return registry.get("auto-scaling-configuration?arn=" + ResourceRegistry.q(configurationArn), ONE)
                .map(AutoScalingOperations::summary)
                .orElseGet(() -> Json.MAPPER.createObjectNode()
                        .put("AutoScalingConfigurationArn", configurationArn)
                        .put("AutoScalingConfigurationName", NAME)
                        .put("AutoScalingConfigurationRevision", 1)
                        .put("Status", "ACTIVE")
                        .put("HasAssociatedService", true)
                        .put("IsDefault", true));
    }
}
