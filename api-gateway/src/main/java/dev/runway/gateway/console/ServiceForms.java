package dev.runway.gateway.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.wire.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's service forms as App Runner requests, with App Runner console's defaults (port
 * 8080, 1 vCPU / 2 GB, the default auto scaling configuration, a TCP health check). Values are
 * passed on as typed, so the API's validation is the only one and its messages are the ones shown
 * ({@link FieldErrors}). Pure.
 */
final class ServiceForms {

    /** The create form as the user filled it (strings as typed). */
    record CreateForm(String name, String image, String port, String cpu, String memory, String env,
            String healthProtocol, String healthPath) {

        static CreateForm defaults() {
            return new CreateForm("", "", "8080", "1 vCPU", "2 GB", "", "TCP", "/");
        }
    }

    static final List<String> CPUS = List.of("0.25 vCPU", "0.5 vCPU", "1 vCPU", "2 vCPU", "4 vCPU");
    static final List<String> MEMORIES = List.of("0.5 GB", "1 GB", "2 GB", "3 GB", "4 GB", "6 GB", "8 GB", "10 GB",
            "12 GB");
    static final List<String> HEALTH_PROTOCOLS = List.of("TCP", "HTTP");

    private static final String IMAGE = "sourceConfiguration.imageRepository";

    /** The create form's fields by the API member path their messages name. */
    static final Map<String, String> CREATE_FIELDS = Map.of(
            "serviceName", "name",
            IMAGE + ".imageIdentifier", "image",
            IMAGE + ".imageConfiguration.port", "port",
            IMAGE + ".imageConfiguration.runtimeEnvironmentVariables", "env",
            "instanceConfiguration.cpu", "cpu",
            "instanceConfiguration.memory", "memory",
            "healthCheckConfiguration.protocol", "healthProtocol",
            "healthCheckConfiguration.path", "healthPath");

    /** The update form's one field. */
    static final Map<String, String> ENV_FIELDS = Map.of(
            IMAGE + ".imageConfiguration.runtimeEnvironmentVariables", "env",
            "sourceConfiguration.codeRepository.codeConfiguration.codeConfigurationValues.runtimeEnvironmentVariables", "env");

    /** The configuration form's fields by the API member path their messages name. */
    static final Map<String, String> CONFIG_FIELDS = Map.of(
            "instanceConfiguration.cpu", "cpu",
            "instanceConfiguration.memory", "memory",
            "autoScalingConfigurationArn", "autoScaling",
            "healthCheckConfiguration.protocol", "healthProtocol",
            "healthCheckConfiguration.path", "healthPath");

    /**
     * UpdateService's input that changes instance size, auto scaling configuration and health
     * check (its interval, timeout and thresholds kept as the service has them).
     */
    static ObjectNode updateConfiguration(String serviceArn, JsonNode service, String cpu, String memory,
            String autoScalingArn, String healthProtocol, String healthPath) {
        ObjectNode in = Json.MAPPER.createObjectNode();
        in.put("ServiceArn", serviceArn);
        in.putObject("InstanceConfiguration").put("Cpu", orDefault(cpu, "1 vCPU")).put("Memory", orDefault(memory, "2 GB"));
        if (autoScalingArn != null && !autoScalingArn.isBlank()) {
            in.put("AutoScalingConfigurationArn", autoScalingArn.strip());
        }
        ObjectNode health = service.path("HealthCheckConfiguration").isObject()
                ? ((ObjectNode) service.path("HealthCheckConfiguration")).deepCopy() : Json.MAPPER.createObjectNode();
        String protocol = orDefault(healthProtocol, "TCP");
        health.put("Protocol", protocol);
        if (protocol.equals("HTTP")) {
            health.put("Path", orDefault(healthPath, "/"));
        } else {
            health.remove("Path");
        }
        in.set("HealthCheckConfiguration", health);
        return in;
    }

    /** CreateService's input for an image service. */
    static ObjectNode createService(CreateForm f) {
        ObjectNode in = Json.MAPPER.createObjectNode();
        in.put("ServiceName", trim(f.name()));
        ObjectNode source = in.putObject("SourceConfiguration");
        ObjectNode image = source.putObject("ImageRepository");
        String identifier = trim(f.image());
        image.put("ImageIdentifier", identifier);
        image.put("ImageRepositoryType", identifier.startsWith("public.ecr.aws/") ? "ECR_PUBLIC" : "ECR");
        ObjectNode config = image.putObject("ImageConfiguration");
        config.put("Port", trim(f.port()).isEmpty() ? "8080" : trim(f.port()));
        Map<String, String> env = environment(f.env());
        if (!env.isEmpty()) {
            config.set("RuntimeEnvironmentVariables", Json.MAPPER.valueToTree(env));
        }
        source.put("AutoDeploymentsEnabled", false);
        ObjectNode instance = in.putObject("InstanceConfiguration");
        instance.put("Cpu", orDefault(f.cpu(), "1 vCPU"));
        instance.put("Memory", orDefault(f.memory(), "2 GB"));
        ObjectNode health = in.putObject("HealthCheckConfiguration");
        String protocol = orDefault(f.healthProtocol(), "TCP");
        health.put("Protocol", protocol);
        if (protocol.equals("HTTP")) {
            health.put("Path", orDefault(f.healthPath(), "/"));
        }
        return in;
    }

    /**
     * UpdateService's input that changes only the environment variables: the service's own
     * source configuration (as DescribeService shows it, secrets as their references) with the
     * new variables.
     */
    static ObjectNode updateEnvironment(String serviceArn, JsonNode service, String env) {
        ObjectNode source = service.path("SourceConfiguration").deepCopy();
        ObjectNode values;
        if (source.hasNonNull("ImageRepository")) {
            values = objectAt(objectAt(source, "ImageRepository"), "ImageConfiguration");
        } else {
            values = objectAt(objectAt(objectAt(source, "CodeRepository"), "CodeConfiguration"), "CodeConfigurationValues");
        }
        Map<String, String> variables = environment(env);
        if (variables.isEmpty()) {
            values.remove("RuntimeEnvironmentVariables");
        } else {
            values.set("RuntimeEnvironmentVariables", Json.MAPPER.valueToTree(variables));
        }
        ObjectNode in = Json.MAPPER.createObjectNode();
        in.put("ServiceArn", serviceArn);
        in.set("SourceConfiguration", source);
        return in;
    }

    /** The service's variables as the form shows them: one {@code NAME=value} a line. */
    static String environmentText(JsonNode service) {
        JsonNode source = service.path("SourceConfiguration");
        JsonNode vars = source.has("ImageRepository")
                ? source.path("ImageRepository").path("ImageConfiguration").path("RuntimeEnvironmentVariables")
                : source.path("CodeRepository").path("CodeConfiguration").path("CodeConfigurationValues")
                        .path("RuntimeEnvironmentVariables");
        StringBuilder text = new StringBuilder();
        vars.fields().forEachRemaining(e -> text.append(e.getKey()).append('=').append(e.getValue().asText()).append('\n'));
        return text.toString();
    }

    /**
     * {@code NAME=value} lines (blank lines and {@code #} comments skipped). A line without
     * {@code =} is a name with an empty value, so the API judges the name.
     */
    static Map<String, String> environment(String text) {
        Map<String, String> env = new LinkedHashMap<>();
        if (text == null) {
            return env;
        }
        for (String line : text.split("\\R")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int eq = l.indexOf('=');
            env.put(eq < 0 ? l : l.substring(0, eq).strip(), eq < 0 ? "" : l.substring(eq + 1));
        }
        return env;
    }

    private static ObjectNode objectAt(ObjectNode parent, String name) {
        JsonNode child = parent.get(name);
        return child instanceof ObjectNode o ? o : parent.putObject(name);
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }

    private static String orDefault(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s.strip();
    }

    private ServiceForms() {
    }
}
