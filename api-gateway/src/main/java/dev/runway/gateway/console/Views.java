package dev.runway.gateway.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the console's templates show, read from API answers: plain values only, so a template
 * cannot reach anything the page should not carry. Pure.
 */
final class Views {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** The frame of every signed-in page: who is signed in, the CSRF token htmx sends, the section shown. */
    @TemplateData
    record Chrome(String accessKeyId, String csrf, String section) {
        static Chrome of(SignedIn who, String section) {
            return new Chrome(who.accessKeyId(), who.csrfToken(), section);
        }
    }

    /** Messages beside fields; {@link #form()} is the one for the form as a whole. */
    @TemplateData
    record Errors(Map<String, String> byField) {
        static Errors none() {
            return new Errors(Map.of());
        }

        public String of(String field) {
            return byField.get(field);
        }

        public boolean has(String field) {
            return byField.containsKey(field);
        }

        public String form() {
            return byField.get(FieldErrors.FORM);
        }

        public boolean any() {
            return !byField.isEmpty();
        }
    }

    @TemplateData
    record ServiceRow(String name, String id, String status, String url, String source, String lastDeployment,
            String createdAt, String updatedAt) {
        public String page() {
            return "/console/services/" + name + "/" + id;
        }
    }

    @TemplateData
    record Setting(String name, String value) {
    }

    @TemplateData
    record ServiceView(String name, String id, String arn, String status, String url, List<Setting> settings,
            List<Setting> environment, List<Setting> secrets, String environmentText, boolean fromImage, Sizing sizing) {
        public String page() {
            return "/console/services/" + name + "/" + id;
        }

        /** A service known only by its name and id (an action's answer needs no more). */
        static ServiceView named(String name, String id, String arn) {
            return new ServiceView(name, id, arn, "", "", List.of(), List.of(), List.of(), "", true,
                    new Sizing("1 vCPU", "2 GB", "", "TCP", "/"));
        }
    }

    /** What the configuration form changes: instance size, auto scaling configuration, health check. */
    @TemplateData
    record Sizing(String cpu, String memory, String autoScalingArn, String healthProtocol, String healthPath) {
    }

    /** An auto scaling configuration to choose. */
    @TemplateData
    record Choice(String value, String label) {
    }

    @TemplateData
    record DomainView(String name, String status, List<RecordView> records) {
    }

    @TemplateData
    record RecordView(String name, String type, String value, String status) {
    }

    @TemplateData
    record OperationRow(String id, String type, String status, String startedAt, String endedAt) {
    }

    @TemplateData
    record LogLine(String time, String stream, String message) {
    }

    @TemplateData
    record KeyRow(String accessKeyId, String userName, String createdAt, boolean yours) {
    }

    static String time(JsonNode epochSecondsOrIso) {
        if (epochSecondsOrIso == null || epochSecondsOrIso.isMissingNode() || epochSecondsOrIso.isNull()) {
            return "";
        }
        if (epochSecondsOrIso.isNumber()) {
            return TIME.format(Instant.ofEpochMilli((long) (epochSecondsOrIso.asDouble() * 1000)));
        }
        try {
            return TIME.format(Instant.parse(epochSecondsOrIso.asText()));
        } catch (RuntimeException e) {
            return epochSecondsOrIso.asText();
        }
    }

    static String millis(long epochMillis) {
        return TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /** A row of the services list from the registry's read model, with the service's latest operation (or null). */
    static ServiceRow row(dev.runway.events.query.ServiceRecord s, dev.runway.events.query.OperationRecord latest) {
        return new ServiceRow(s.serviceName(), s.serviceId(), s.status(), s.serviceUrl() == null ? "" : s.serviceUrl(),
                source(s.configuration()), latest == null ? "" : latest.type() + " " + latest.status() + " "
                        + instant(latest.endedAt() != null ? latest.endedAt() : latest.startedAt()),
                instant(s.createdAt()), instant(s.updatedAt()));
    }

    /** Where a service runs from: its image, or its repository and branch. */
    static String source(dev.runway.events.model.ServiceConfiguration c) {
        if (c == null) {
            return "";
        }
        if (c.code() != null) {
            return c.code().repositoryUrl() + " (" + c.code().branch() + ")";
        }
        return c.imageIdentifier() == null ? "" : c.imageIdentifier();
    }

    static String instant(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    /** A DescribeService answer's service, its settings in App Runner console's words. */
    static ServiceView service(JsonNode s) {
        List<Setting> settings = new ArrayList<>();
        JsonNode source = s.path("SourceConfiguration");
        boolean image = source.has("ImageRepository");
        JsonNode values;
        if (image) {
            JsonNode repo = source.path("ImageRepository");
            values = repo.path("ImageConfiguration");
            settings.add(new Setting("Source", "Container image " + repo.path("ImageIdentifier").asText()
                    + " (" + repo.path("ImageRepositoryType").asText() + ")"));
            settings.add(new Setting("Port", values.path("Port").asText("8080")));
        } else {
            JsonNode repo = source.path("CodeRepository");
            JsonNode version = repo.path("SourceCodeVersion");
            values = repo.path("CodeConfiguration").path("CodeConfigurationValues");
            settings.add(new Setting("Source", "Code repository " + repo.path("RepositoryUrl").asText() + " ("
                    + version.path("Type").asText().toLowerCase() + " " + version.path("Value").asText() + ")"));
            settings.add(new Setting("Configuration source", repo.path("CodeConfiguration").path("ConfigurationSource").asText()));
            if (values.has("Runtime")) {
                settings.add(new Setting("Runtime", values.path("Runtime").asText()));
            }
            if (values.has("Port")) {
                settings.add(new Setting("Port", values.path("Port").asText()));
            }
        }
        settings.add(new Setting("Automatic deployment", source.path("AutoDeploymentsEnabled").asBoolean() ? "on" : "off"));
        JsonNode instance = s.path("InstanceConfiguration");
        settings.add(new Setting("CPU / memory", cpu(instance.path("Cpu").asText()) + " / " + memory(instance.path("Memory").asText())));
        JsonNode scaling = s.path("AutoScalingConfigurationSummary");
        settings.add(new Setting("Auto scaling", scaling.path("AutoScalingConfigurationName").asText("DefaultConfiguration")
                + " (revision " + scaling.path("AutoScalingConfigurationRevision").asText("1") + ")"));
        JsonNode h = s.path("HealthCheckConfiguration");
        settings.add(new Setting("Health check", h.path("Protocol").asText("TCP")
                + (h.path("Protocol").asText().equals("HTTP") ? " " + h.path("Path").asText("/") : "")
                + ", every " + h.path("Interval").asText("5") + " s, timeout " + h.path("Timeout").asText("2")
                + " s, healthy after " + h.path("HealthyThreshold").asText("1") + ", unhealthy after "
                + h.path("UnhealthyThreshold").asText("5")));
        settings.add(new Setting("Created", time(s.get("CreatedAt"))));
        settings.add(new Setting("Updated", time(s.get("UpdatedAt"))));
        settings.add(new Setting("ARN", s.path("ServiceArn").asText()));
        List<Setting> environment = new ArrayList<>();
        values.path("RuntimeEnvironmentVariables").fields()
                .forEachRemaining(e -> environment.add(new Setting(e.getKey(), e.getValue().asText())));
        // references only (a parameter's name, a secret's ARN), as DescribeService shows them: never a value
        List<Setting> secrets = new ArrayList<>();
        values.path("RuntimeEnvironmentSecrets").fields()
                .forEachRemaining(e -> secrets.add(new Setting(e.getKey(), e.getValue().asText())));
        Sizing sizing = new Sizing(cpu(instance.path("Cpu").asText()), memory(instance.path("Memory").asText()),
                scaling.path("AutoScalingConfigurationArn").asText(""), h.path("Protocol").asText("TCP"),
                h.path("Path").asText("/"));
        return new ServiceView(s.path("ServiceName").asText(), s.path("ServiceId").asText(), s.path("ServiceArn").asText(),
                s.path("Status").asText(), s.path("ServiceUrl").asText(""), settings, environment, secrets,
                ServiceForms.environmentText(s), image, sizing);
    }

    static List<DomainView> domains(JsonNode answer) {
        List<DomainView> domains = new ArrayList<>();
        for (JsonNode d : answer.path("CustomDomains")) {
            List<RecordView> records = new ArrayList<>();
            d.path("CertificateValidationRecords").forEach(r -> records.add(new RecordView(r.path("Name").asText(),
                    r.path("Type").asText(), r.path("Value").asText(), r.path("Status").asText())));
            domains.add(new DomainView(d.path("DomainName").asText(), d.path("Status").asText(), records));
        }
        return domains;
    }

    static OperationRow operation(JsonNode o) {
        return new OperationRow(o.path("Id").asText(), o.path("Type").asText(), o.path("Status").asText(),
                time(o.get("StartedAt")), time(o.get("EndedAt")));
    }

    static String cpu(String units) {
        return switch (units) {
            case "256" -> "0.25 vCPU";
            case "512" -> "0.5 vCPU";
            case "1024" -> "1 vCPU";
            case "2048" -> "2 vCPU";
            case "4096" -> "4 vCPU";
            default -> units;
        };
    }

    static String memory(String mb) {
        try {
            double gb = Integer.parseInt(mb) / 1024.0;
            return (gb == Math.rint(gb) ? String.valueOf((int) gb) : String.valueOf(gb)) + " GB";
        } catch (NumberFormatException e) {
            return mb;
        }
    }

    private Views() {
    }
}
