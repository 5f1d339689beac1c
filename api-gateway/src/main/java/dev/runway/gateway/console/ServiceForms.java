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

    /** The code repository form as the user filled it. */
    record CodeForm(String name, String repository, String branch, String directory, String connection,
            String configurationSource, String runtime, String build, String start, String port, String env,
            boolean autoDeploy) {

        static CodeForm defaults() {
            return new CodeForm("", "", "main", "/", "", "REPOSITORY", "", "", "", "8080", "", true);
        }
    }

    static final List<String> CONFIGURATION_SOURCES = List.of("REPOSITORY", "API");

    private static final String CODE = "sourceConfiguration.codeRepository";

    /** The code form's fields by member path; the registry's own checks name their member in the message instead. */
    static final Map<String, String> CODE_FIELDS = Map.of(
            "serviceName", "name",
            CODE + ".repositoryUrl", "repository",
            CODE + ".sourceCodeVersion", "branch",
            CODE + ".sourceDirectory", "directory",
            "sourceConfiguration.authenticationConfiguration", "connection",
            CODE + ".codeConfiguration.codeConfigurationValues.runtime", "runtime",
            CODE + ".codeConfiguration.codeConfigurationValues.buildCommand", "build",
            CODE + ".codeConfiguration.codeConfigurationValues.startCommand", "start",
            CODE + ".codeConfiguration.codeConfigurationValues.port", "port",
            CODE + ".codeConfiguration.codeConfigurationValues.runtimeEnvironmentVariables", "env");

    /** Words of the registry's code checks (CodeRequests), which carry no member path, and the field each is about. */
    static final Map<String, String> CODE_WORDS = ordered(
            "RepositoryUrl", "repository",
            "SourceCodeVersion", "branch",
            "SourceDirectory", "directory",
            "PORT is reserved", "env",
            "StartCommand", "start",
            "Runtime ", "runtime",
            "onnection", "connection");

    /** A map that keeps the order it is given in (the first matching word wins). */
    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** CreateService's input for a service built from a code repository (automatic deployment on by default). */
    static ObjectNode createCodeService(CodeForm f) {
        ObjectNode in = Json.MAPPER.createObjectNode();
        in.put("ServiceName", trim(f.name()));
        ObjectNode source = in.putObject("SourceConfiguration");
        ObjectNode repo = source.putObject("CodeRepository");
        repo.put("RepositoryUrl", trim(f.repository()));
        repo.putObject("SourceCodeVersion").put("Type", "BRANCH").put("Value", trim(f.branch()));
        repo.put("SourceDirectory", orDefault(f.directory(), "/"));
        ObjectNode config = repo.putObject("CodeConfiguration");
        String configurationSource = orDefault(f.configurationSource(), "REPOSITORY");
        config.put("ConfigurationSource", configurationSource);
        if (configurationSource.equals("API")) {
            ObjectNode values = config.putObject("CodeConfigurationValues");
            values.put("Runtime", trim(f.runtime()));
            if (!trim(f.build()).isEmpty()) {
                values.put("BuildCommand", trim(f.build()));
            }
            values.put("StartCommand", trim(f.start()));
            values.put("Port", orDefault(f.port(), "8080"));
            Map<String, String> env = environment(f.env());
            if (!env.isEmpty()) {
                values.set("RuntimeEnvironmentVariables", Json.MAPPER.valueToTree(env));
            }
        }
        source.put("AutoDeploymentsEnabled", f.autoDeploy());
        if (!trim(f.connection()).isEmpty()) {
            source.putObject("AuthenticationConfiguration").put("ConnectionArn", trim(f.connection()));
        }
        in.putObject("InstanceConfiguration").put("Cpu", "1 vCPU").put("Memory", "2 GB");
        in.putObject("HealthCheckConfiguration").put("Protocol", "TCP");
        return in;
    }

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
