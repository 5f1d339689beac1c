package dev.runway.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.events.model.CodeSource;
import dev.runway.events.model.HealthCheck;
import dev.runway.events.model.ImageSource;
import dev.runway.events.model.InstanceSize;
import dev.runway.events.model.Network;
import dev.runway.events.model.ServiceConfiguration;
import dev.runway.events.model.Tag;
import dev.runway.gateway.protocol.ApiError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a validated CreateService input into Runway's {@link ServiceConfiguration}: fills App
 * Runner's defaults and applies the rules the model cannot express.
 */
final class ServiceRequests {

    static ServiceConfiguration configuration(JsonNode input, AutoScalingDefaults autoScalingConfigurations) {
        JsonNode source = input.path("SourceConfiguration");
        boolean hasCode = source.hasNonNull("CodeRepository");
        boolean hasImage = source.hasNonNull("ImageRepository");
        if (hasCode == hasImage) {
            throw ApiError.invalidRequest("SourceConfiguration must contain exactly one of ImageRepository or"
                    + " CodeRepository.");
        }
        CodeSource code = null;
        ImageSource imageSource = null;
        if (hasCode) {
            code = CodeRequests.code(source, tags(input));
        } else {
            JsonNode image = source.path("ImageRepository");
            JsonNode imageConfig = image.path("ImageConfiguration");
            imageSource = new ImageSource(
                    image.path("ImageIdentifier").asText(),
                    image.path("ImageRepositoryType").asText(),
                    text(imageConfig, "Port", "8080"),
                    text(imageConfig, "StartCommand", null),
                    strings(imageConfig.path("RuntimeEnvironmentVariables")),
                    strings(imageConfig.path("RuntimeEnvironmentSecrets")));
        }

        JsonNode instance = input.path("InstanceConfiguration");
        int cpu = instance.hasNonNull("Cpu") ? InstanceSizes.cpuUnits(instance.get("Cpu").asText()) : 1024;
        int memory = instance.hasNonNull("Memory") ? InstanceSizes.memoryMb(instance.get("Memory").asText()) : 2048;
        InstanceSizes.requireValidPair(cpu, memory);

        String named = text(input, "AutoScalingConfigurationArn", null);
        String autoScaling = named == null ? autoScalingConfigurations.arn() : autoScalingConfigurations.resolve(named);

        JsonNode network = input.path("NetworkConfiguration");
        JsonNode observability = input.path("ObservabilityConfiguration");
        return new ServiceConfiguration(
                imageSource,
                // App Runner's default: on for code repositories, off for images
                source.path("AutoDeploymentsEnabled").asBoolean(hasCode),
                text(source.path("AuthenticationConfiguration"), "AccessRoleArn", null),
                new InstanceSize(cpu, memory, text(instance, "InstanceRoleArn", null)),
                healthCheck(input.path("HealthCheckConfiguration")),
                autoScaling,
                new Network(
                        text(network.path("EgressConfiguration"), "EgressType", "DEFAULT"),
                        text(network.path("EgressConfiguration"), "VpcConnectorArn", null),
                        network.path("IngressConfiguration").path("IsPubliclyAccessible").asBoolean(true),
                        text(network, "IpAddressType", "IPV4")),
                observability.path("ObservabilityEnabled").asBoolean(false),
                text(observability, "ObservabilityConfigurationArn", null),
                text(input.path("EncryptionConfiguration"), "KmsKey", null),
                code);
    }

    static List<Tag> tags(JsonNode input) {
        List<Tag> tags = new ArrayList<>();
        for (JsonNode t : input.path("Tags")) {
            tags.add(new Tag(t.path("Key").asText(), t.path("Value").asText("")));
        }
        return tags;
    }

    private static HealthCheck healthCheck(JsonNode h) {
        HealthCheck d = HealthCheck.defaults();
        return new HealthCheck(
                text(h, "Protocol", d.protocol()),
                text(h, "Path", d.path()),
                h.path("Interval").asInt(d.interval()),
                h.path("Timeout").asInt(d.timeout()),
                h.path("HealthyThreshold").asInt(d.healthyThreshold()),
                h.path("UnhealthyThreshold").asInt(d.unhealthyThreshold()));
    }

    static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    static Map<String, String> strings(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private ServiceRequests() {
    }
}
