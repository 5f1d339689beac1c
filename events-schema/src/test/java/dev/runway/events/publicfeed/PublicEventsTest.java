package dev.runway.events.publicfeed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.events.Envelope;
import dev.runway.events.Message;
import dev.runway.events.event.OperationFailed;
import dev.runway.events.event.OperationStarted;
import dev.runway.events.event.OperationSucceeded;
import dev.runway.events.event.RevisionActivated;
import dev.runway.events.event.ServiceStatusChanged;
import dev.runway.events.model.OperationType;
import dev.runway.events.model.ServiceStatus;
import dev.runway.events.resource.CustomDomainStatusChanged;
import dev.runway.events.wire.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PublicEventsTest {

    static final String ARN = "arn:aws:apprunner:us-east-2:123456789012:service/my-app/8fe1e10304f84fd2b0df550fe98a71fa";
    static final Instant TIME = Instant.parse("2021-04-29T11:54:23.456Z");

    static Envelope internal(UUID id, Message payload) {
        return new Envelope(id, "x", 1, TIME, "service-registry", ARN, null, UUID.randomUUID(), 3L, payload);
    }

    @Test
    void statusChangeHasTheGuidesExactShape() throws Exception {
        UUID id = UUID.fromString("11111111-2222-3333-4444-555555555555");
        ObjectNode event = PublicEvents.from(internal(id, new ServiceStatusChanged(ARN, ServiceStatus.OPERATION_IN_PROGRESS,
                ServiceStatus.RUNNING, "internal words"))).orElseThrow();
        String expected = """
                {"version":"0","id":"%s","detail-type":"AppRunner Service Status Change","source":"aws.apprunner",
                 "account":"123456789012","time":"2021-04-29T11:54:23Z","region":"us-east-2",
                 "resources":["%s"],
                 "detail":{"previousServiceStatus":"OPERATION_IN_PROGRESS","currentServiceStatus":"RUNNING",
                 "serviceName":"my-app","serviceId":"8fe1e10304f84fd2b0df550fe98a71fa",
                 "message":"Service status is set to RUNNING.","severity":"INFO"}}
                """.formatted(PublicEvents.idOf(id), ARN);
        assertEquals(Json.MAPPER.readTree(expected), event);
        List<String> order = new ArrayList<>();
        event.fieldNames().forEachRemaining(order::add);
        assertEquals(List.of("version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"),
                order);
    }

    @Test
    void failedStatusesAreErrors() {
        ObjectNode event = PublicEvents.from(internal(UUID.randomUUID(), new ServiceStatusChanged(ARN,
                ServiceStatus.OPERATION_IN_PROGRESS, ServiceStatus.CREATE_FAILED, "x"))).orElseThrow();
        assertEquals("ERROR", event.path("detail").path("severity").asText());
    }

    @Test
    void customDomainStatusChangesAreInTheFeedWithTheirReason() throws Exception {
        UUID id = UUID.fromString("11111111-2222-3333-4444-666666666666");
        ObjectNode failed = PublicEvents.from(internal(id, new CustomDomainStatusChanged(ARN, "app.example.test",
                "CREATE_FAILED", List.of(), "the CA could not reach http://app.example.test/.well-known/acme-challenge/",
                TIME))).orElseThrow();
        String expected = """
                {"version":"0","id":"%s","detail-type":"AppRunner Custom Domain Status Change","source":"aws.apprunner",
                 "account":"123456789012","time":"2021-04-29T11:54:23Z","region":"us-east-2",
                 "resources":["%s"],
                 "detail":{"customDomainName":"app.example.test","currentCustomDomainStatus":"CREATE_FAILED",
                 "serviceName":"my-app","serviceId":"8fe1e10304f84fd2b0df550fe98a71fa",
                 "message":"Custom domain app.example.test status is set to CREATE_FAILED: the CA could not reach http://app.example.test/.well-known/acme-challenge/",
                 "severity":"ERROR"}}
                """.formatted(PublicEvents.idOf(id), ARN);
        assertEquals(Json.MAPPER.readTree(expected), failed);

        ObjectNode active = PublicEvents.from(internal(UUID.randomUUID(), new CustomDomainStatusChanged(ARN,
                "app.example.test", "ACTIVE", List.of(), null, TIME))).orElseThrow();
        assertEquals("Custom domain app.example.test status is set to ACTIVE.",
                active.path("detail").path("message").asText());
        assertEquals("INFO", active.path("detail").path("severity").asText());
    }

    @Test
    void everyOperationStatusAndMessageOfTheGuide() {
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("CreateServiceStarted", "Service creation started.");
        expected.put("CreateServiceCompletedSuccessfully", "Service creation completed successfully.");
        expected.put("CreateServiceFailed", "Service creation failed. For details, see service logs.");
        expected.put("DeleteServiceStarted", "Service deletion started.");
        expected.put("DeleteServiceCompletedSuccessfully", "Service deletion completed successfully.");
        expected.put("DeleteServiceFailed", "Service deletion failed.");
        expected.put("UpdateServiceStarted", "Service update started.");
        expected.put("UpdateServiceCompletedSuccessfully",
                "Service update completed successfully. New application and configuration is deployed.");
        expected.put("UpdateServiceFailed", "Service update failed. For details, see service logs.");
        expected.put("DeploymentStarted", "Deployment started.");
        expected.put("DeploymentCompletedSuccessfully", "Deployment completed successfully.");
        expected.put("DeploymentFailed", "Deployment failed. For details, see service logs.");
        expected.put("PauseServiceStarted", "Service pause started.");
        expected.put("PauseServiceCompletedSuccessfully", "Service pause completed successfully.");
        expected.put("PauseServiceFailed", "Service pause failed.");
        expected.put("ResumeServiceStarted", "Service resume started.");
        expected.put("ResumeServiceCompletedSuccessfully", "Service resume completed successfully.");
        expected.put("ResumeServiceFailed", "Service resume failed.");
        Map<String, String> seen = new java.util.LinkedHashMap<>();
        UUID op = UUID.randomUUID();
        for (OperationType type : OperationType.values()) {
            for (Message m : List.of(new OperationStarted(ARN, op, type, TIME), new OperationSucceeded(ARN, op, type, TIME),
                    new OperationFailed(ARN, op, type, "why", TIME))) {
                ObjectNode event = PublicEvents.from(internal(UUID.randomUUID(), m)).orElseThrow();
                assertEquals("AppRunner Service Operation Status Change", event.path("detail-type").asText());
                var detail = event.path("detail");
                List<String> fields = new ArrayList<>();
                detail.fieldNames().forEachRemaining(fields::add);
                assertEquals(List.of("operationStatus", "serviceName", "serviceId", "message", "severity"), fields);
                assertEquals(m instanceof OperationFailed ? "ERROR" : "INFO", detail.path("severity").asText());
                seen.put(detail.path("operationStatus").asText(), detail.path("message").asText());
            }
        }
        assertEquals(new java.util.TreeMap<>(expected), new java.util.TreeMap<>(seen));
    }

    @Test
    void idsAreStablePerInternalEventAndDistinctAcrossEvents() {
        UUID id = UUID.randomUUID();
        var payload = new OperationStarted(ARN, UUID.randomUUID(), OperationType.CREATE_SERVICE, TIME);
        String first = PublicEvents.from(internal(id, payload)).orElseThrow().path("id").asText();
        assertEquals(first, PublicEvents.from(internal(id, payload)).orElseThrow().path("id").asText());
        assertNotEquals(first, PublicEvents.from(internal(UUID.randomUUID(), payload)).orElseThrow().path("id").asText());
    }

    @Test
    void internalOnlyEventsAreNotPublic() {
        assertTrue(PublicEvents.from(internal(UUID.randomUUID(), new RevisionActivated(ARN, UUID.randomUUID(), 2,
                List.of()))).isEmpty());
    }
}
