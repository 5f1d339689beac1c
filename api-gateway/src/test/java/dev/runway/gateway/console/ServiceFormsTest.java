package dev.runway.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.events.wire.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceFormsTest {

    @Test
    void shouldAskForAppRunnerConsolesDefaults() throws Exception {
        // given the create form as it opens, with a name and an image
        var f = ServiceForms.CreateForm.defaults();
        var form = new ServiceForms.CreateForm("shop", " 127.0.0.1:5000/shop:1 ", f.port(), f.cpu(), f.memory(),
                "GREETING=hi\n\n# note\nEMPTY=", f.healthProtocol(), f.healthPath());

        // when it becomes a CreateService request
        JsonNode in = ServiceForms.createService(form);

        // then port 8080, 1 vCPU / 2 GB, a TCP health check, no auto scaling ARN (the default applies)
        assertEquals(Json.MAPPER.readTree("""
                {"ServiceName":"shop","SourceConfiguration":{"ImageRepository":{"ImageIdentifier":"127.0.0.1:5000/shop:1",
                "ImageRepositoryType":"ECR","ImageConfiguration":{"Port":"8080","RuntimeEnvironmentVariables":
                {"GREETING":"hi","EMPTY":""}}},"AutoDeploymentsEnabled":false},
                "InstanceConfiguration":{"Cpu":"1 vCPU","Memory":"2 GB"},"HealthCheckConfiguration":{"Protocol":"TCP"}}
                """), in);
    }

    @Test
    void shouldPassAnEmptyNameOnForTheApiToJudge() {
        // given an empty form, when it becomes a request, then the name and image are empty strings
        JsonNode in = ServiceForms.createService(new ServiceForms.CreateForm("", "", "", "", "", "", "", ""));
        assertEquals("", in.path("ServiceName").asText("missing"));
        assertEquals("", in.path("SourceConfiguration").path("ImageRepository").path("ImageIdentifier").asText("missing"));
    }

    @Test
    void shouldChangeOnlyTheVariablesOnUpdate() throws Exception {
        // given a service with a variable and a secret reference
        JsonNode service = Json.MAPPER.readTree("""
                {"SourceConfiguration":{"ImageRepository":{"ImageIdentifier":"127.0.0.1:5000/a:1","ImageRepositoryType":"ECR",
                "ImageConfiguration":{"Port":"9000","RuntimeEnvironmentVariables":{"OLD":"1"},
                "RuntimeEnvironmentSecrets":{"DB":"/shop/db"}}},"AutoDeploymentsEnabled":false}}
                """);

        // when the variables are replaced
        JsonNode in = ServiceForms.updateEnvironment("arn:x", service, "NEW=2");

        // then the rest of the source stays as it was
        JsonNode config = in.path("SourceConfiguration").path("ImageRepository").path("ImageConfiguration");
        assertEquals(Map.of("NEW", "2"), Json.MAPPER.convertValue(config.path("RuntimeEnvironmentVariables"), Map.class));
        assertEquals("/shop/db", config.path("RuntimeEnvironmentSecrets").path("DB").asText());
        assertEquals("9000", config.path("Port").asText());
        assertEquals("arn:x", in.path("ServiceArn").asText());
        assertFalse(in.has("InstanceConfiguration"));
        assertEquals("OLD=1\n", ServiceForms.environmentText(service));
    }

    @Test
    void shouldKeepTheHealthChecksTimingsWhenItsProtocolChanges() throws Exception {
        // given a service with a TCP check every 10 s
        JsonNode service = Json.MAPPER.readTree("""
                {"HealthCheckConfiguration":{"Protocol":"TCP","Path":"/","Interval":10,"Timeout":2,
                "HealthyThreshold":1,"UnhealthyThreshold":5}}
                """);

        // when the form asks for 2 vCPU / 4 GB, another auto scaling configuration and an HTTP check on /health
        JsonNode in = ServiceForms.updateConfiguration("arn:x", service, "2 vCPU", "4 GB", "arn:asc", "HTTP", "/health");

        // then those change and the timings stay
        assertEquals(Json.MAPPER.readTree("""
                {"ServiceArn":"arn:x","InstanceConfiguration":{"Cpu":"2 vCPU","Memory":"4 GB"},
                "AutoScalingConfigurationArn":"arn:asc","HealthCheckConfiguration":{"Protocol":"HTTP","Path":"/health",
                "Interval":10,"Timeout":2,"HealthyThreshold":1,"UnhealthyThreshold":5}}
                """), in);
    }

    @Test
    void shouldBuildACodeServiceFromTheRepositorysOwnConfiguration() throws Exception {
        // given the code form with a repository, a branch and a connection, configured by apprunner.yaml
        var f = ServiceForms.CodeForm.defaults();
        var form = new ServiceForms.CodeForm("api", "file:///srv/api", f.branch(), f.directory(), "arn:conn",
                f.configurationSource(), "", "", "", f.port(), "", true);

        // when it becomes a request, then it asks for App Runner's defaults and no code values
        assertEquals(Json.MAPPER.readTree("""
                {"ServiceName":"api","SourceConfiguration":{"CodeRepository":{"RepositoryUrl":"file:///srv/api",
                "SourceCodeVersion":{"Type":"BRANCH","Value":"main"},"SourceDirectory":"/",
                "CodeConfiguration":{"ConfigurationSource":"REPOSITORY"}},"AutoDeploymentsEnabled":true,
                "AuthenticationConfiguration":{"ConnectionArn":"arn:conn"}},
                "InstanceConfiguration":{"Cpu":"1 vCPU","Memory":"2 GB"},"HealthCheckConfiguration":{"Protocol":"TCP"}}
                """), ServiceForms.createCodeService(form));
    }

    @Test
    void shouldPutTheRegistrysCodeMessagesBesideTheirField() {
        // given a message of the code checks, which names its member in words
        String message = "CodeConfigurationValues.StartCommand is required: the command that starts your application.";

        // then the start command field gets it
        assertEquals(Map.of("start", message),
                FieldErrors.place(message, ServiceForms.CODE_FIELDS, ServiceForms.CODE_WORDS));
    }
}
