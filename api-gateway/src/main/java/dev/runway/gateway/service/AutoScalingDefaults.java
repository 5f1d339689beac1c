package dev.runway.gateway.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.wire.Json;
import dev.runway.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The platform's default auto scaling configuration, {@code DefaultConfiguration} revision 1
 * (MaxConcurrency 100, MinSize 1, MaxSize 25), which every service uses until configurations
 * become resources of their own.
 */
@ApplicationScoped
public class AutoScalingDefaults {

    static final String NAME = "DefaultConfiguration";
    static final String ID = "00000000000000000000000000000001";

    private final String arn;

    public AutoScalingDefaults(GatewayConfig config) {
        this.arn = "arn:" + config.partition() + ":apprunner:" + config.region() + ":" + config.accountId()
                + ":autoscalingconfiguration/" + NAME + "/1/" + ID;
    }

    public String arn() {
        return arn;
    }

    ObjectNode summary(String configurationArn) {
        return Json.MAPPER.createObjectNode()
                .put("AutoScalingConfigurationArn", configurationArn)
                .put("AutoScalingConfigurationName", NAME)
                .put("AutoScalingConfigurationRevision", 1)
                .put("Status", "ACTIVE")
                .put("CreatedAt", 0.0)
                .put("HasAssociatedService", true)
                .put("IsDefault", true);
    }
}
