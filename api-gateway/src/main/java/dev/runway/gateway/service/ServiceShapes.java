package dev.runway.gateway.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.model.CodeSource;
import dev.runway.events.model.HealthCheck;
import dev.runway.events.model.ImageSource;
import dev.runway.events.model.ServiceConfiguration;
import dev.runway.events.query.OperationRecord;
import dev.runway.events.query.ServiceRecord;
import dev.runway.events.wire.Json;
import java.time.Instant;
import java.util.Map;

/** Registry records → App Runner's output shapes (Service, ServiceSummary, OperationSummary). */
final class ServiceShapes {

    /**
     * App Runner's Service. {@code StatusMessage} is Runway's addition: why the service is in its
     * status (AWS SDKs and the CLI ignore members they do not know).
     */
    static ObjectNode service(ServiceRecord r, AutoScalingDefaults autoScaling) {
        ServiceConfiguration c = r.configuration();
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("ServiceName", r.serviceName());
        s.put("ServiceId", r.serviceId());
        s.put("ServiceArn", r.serviceArn());
        s.put("ServiceUrl", r.serviceUrl());
        s.put("CreatedAt", epoch(r.createdAt()));
        s.put("UpdatedAt", epoch(r.updatedAt()));
        if (r.deletedAt() != null) {
            s.put("DeletedAt", epoch(r.deletedAt()));
        }
        s.put("Status", r.status());
        if (r.statusMessage() != null) {
            s.put("StatusMessage", r.statusMessage());
        }
        ObjectNode source = s.putObject("SourceConfiguration");
        if (c.builtFromCode()) {
            source.set("CodeRepository", code(c.code()));
        } else {
            source.set("ImageRepository", image(c.image()));
        }
        source.put("AutoDeploymentsEnabled", c.autoDeploymentsEnabled());
        if (c.accessRoleArn() != null || (c.builtFromCode() && c.code().connectionArn() != null)) {
            ObjectNode auth = source.putObject("AuthenticationConfiguration");
            if (c.accessRoleArn() != null) {
                auth.put("AccessRoleArn", c.accessRoleArn());
            }
            if (c.builtFromCode() && c.code().connectionArn() != null) {
                auth.put("ConnectionArn", c.code().connectionArn());
            }
        }
        ObjectNode instance = s.putObject("InstanceConfiguration");
        instance.put("Cpu", String.valueOf(c.instance().cpuUnits()));
        instance.put("Memory", String.valueOf(c.instance().memoryMb()));
        if (c.instance().instanceRoleArn() != null) {
            instance.put("InstanceRoleArn", c.instance().instanceRoleArn());
        }
        if (c.kmsKey() != null) {
            s.putObject("EncryptionConfiguration").put("KmsKey", c.kmsKey());
        }
        s.set("HealthCheckConfiguration", healthCheck(c.healthCheck()));
        s.set("AutoScalingConfigurationSummary", autoScaling.summary(c.autoScalingConfigurationArn()));
        ObjectNode network = s.putObject("NetworkConfiguration");
        ObjectNode egress = network.putObject("EgressConfiguration").put("EgressType", c.network().egressType());
        if (c.network().vpcConnectorArn() != null) {
            egress.put("VpcConnectorArn", c.network().vpcConnectorArn());
        }
        network.putObject("IngressConfiguration").put("IsPubliclyAccessible", c.network().publiclyAccessible());
        network.put("IpAddressType", c.network().ipAddressType());
        ObjectNode observability = s.putObject("ObservabilityConfiguration")
                .put("ObservabilityEnabled", c.observabilityEnabled());
        if (c.observabilityConfigurationArn() != null) {
            observability.put("ObservabilityConfigurationArn", c.observabilityConfigurationArn());
        }
        return s;
    }

    static ObjectNode summary(ServiceRecord r) {
        return Json.MAPPER.createObjectNode()
                .put("ServiceName", r.serviceName())
                .put("ServiceId", r.serviceId())
                .put("ServiceArn", r.serviceArn())
                .put("ServiceUrl", r.serviceUrl())
                .put("CreatedAt", epoch(r.createdAt()))
                .put("UpdatedAt", epoch(r.updatedAt()))
                .put("Status", r.status());
    }

    /** OperationSummary; {@code StatusMessage} (Runway's addition) carries a failure's reason. */
    static ObjectNode operation(OperationRecord o) {
        ObjectNode n = Json.MAPPER.createObjectNode()
                .put("Id", o.operationId().toString())
                .put("Type", o.type())
                .put("Status", o.status())
                .put("TargetArn", o.serviceArn())
                .put("StartedAt", epoch(o.startedAt()))
                .put("UpdatedAt", epoch(o.updatedAt()));
        if (o.endedAt() != null) {
            n.put("EndedAt", epoch(o.endedAt()));
        }
        if (o.statusMessage() != null) {
            n.put("StatusMessage", o.statusMessage());
        }
        return n;
    }

    private static ObjectNode image(ImageSource image) {
        ObjectNode repo = Json.MAPPER.createObjectNode();
        repo.put("ImageIdentifier", image.imageIdentifier());
        ObjectNode config = repo.putObject("ImageConfiguration");
        if (!image.environment().isEmpty()) {
            config.set("RuntimeEnvironmentVariables", Json.MAPPER.valueToTree(Map.copyOf(image.environment())));
        }
        if (image.startCommand() != null) {
            config.put("StartCommand", image.startCommand());
        }
        config.put("Port", image.port());
        if (!image.secrets().isEmpty()) {
            config.set("RuntimeEnvironmentSecrets", Json.MAPPER.valueToTree(Map.copyOf(image.secrets())));
        }
        repo.put("ImageRepositoryType", image.imageRepositoryType());
        return repo;
    }

    private static ObjectNode code(CodeSource code) {
        ObjectNode repo = Json.MAPPER.createObjectNode();
        repo.put("RepositoryUrl", code.repositoryUrl());
        repo.putObject("SourceCodeVersion").put("Type", "BRANCH").put("Value", code.branch());
        repo.put("SourceDirectory", code.sourceDirectory());
        ObjectNode config = repo.putObject("CodeConfiguration").put("ConfigurationSource", code.configurationSource());
        CodeSource.Values v = code.values();
        if (v != null) {
            ObjectNode values = config.putObject("CodeConfigurationValues").put("Runtime", v.runtime());
            if (v.buildCommand() != null) {
                values.put("BuildCommand", v.buildCommand());
            }
            if (v.startCommand() != null) {
                values.put("StartCommand", v.startCommand());
            }
            values.put("Port", v.port());
            if (!v.environment().isEmpty()) {
                values.set("RuntimeEnvironmentVariables", Json.MAPPER.valueToTree(Map.copyOf(v.environment())));
            }
            if (!v.secrets().isEmpty()) {
                values.set("RuntimeEnvironmentSecrets", Json.MAPPER.valueToTree(Map.copyOf(v.secrets())));
            }
        }
        return repo;
    }

    private static ObjectNode healthCheck(HealthCheck h) {
        return Json.MAPPER.createObjectNode()
                .put("Protocol", h.protocol())
                .put("Path", h.path())
                .put("Interval", h.interval())
                .put("Timeout", h.timeout())
                .put("HealthyThreshold", h.healthyThreshold())
                .put("UnhealthyThreshold", h.unhealthyThreshold());
    }

    /** App Runner timestamps are epoch seconds, fractional. */
    static double epoch(Instant t) {
        return t.toEpochMilli() / 1000.0;
    }

    private ServiceShapes() {
    }
}
