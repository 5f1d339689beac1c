package dev.runway.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AuditRecordsTest {

    @Test
    void shouldLeaveOutARefusedBodyTooDeepToReadBackOrTooLargeForTheTopic() {
        String deep = "{\"a\":".repeat(900) + "1" + "}".repeat(900);
        assertNull(AuditRecords.objectOrNull(deep), "nested 900 deep");
        assertNull(AuditRecords.objectOrNull("{\"a\":\"" + "x".repeat(200 * 1024) + "\"}"), "200 KB");
        assertEquals("{\"a\":{\"b\":1}}", AuditRecords.objectOrNull("{\"a\":{\"b\":1}}").toString());
        assertEquals("{}", AuditRecords.objectOrNull("").toString());
        assertNull(AuditRecords.objectOrNull("[1]"));
    }

    @Test
    void shouldKeepTheRecordOfACallWhoseParametersAreTooLargeForTheTopicWithoutThem() throws Exception {
        var small = call(AuditRecords.objectOrNull("{\"ServiceArn\":\"arn:aws:apprunner:us-east-1:000000000000:service/a/b\"}"));
        assertEquals("arn:aws:apprunner:us-east-1:000000000000:service/a/b",
                dev.runway.events.wire.Json.MAPPER.readTree(AuditRecords.json(small)).path("requestParameters")
                        .path("serviceArn").asText());
        var large = call(dev.runway.events.wire.Json.MAPPER.createObjectNode().put("Tags", "x".repeat(200 * 1024)));
        var record = dev.runway.events.wire.Json.MAPPER.readTree(AuditRecords.json(large));
        assertTrue(record.path("requestParameters").isNull(), record.toString().substring(0, 200));
        assertEquals("TagResource", record.path("eventName").asText());
    }

    private static AuditRecords.Call call(com.fasterxml.jackson.databind.JsonNode input) {
        return new AuditRecords.Call("r-1", java.time.Instant.parse("2026-12-07T00:00:00Z"), "apprunner.amazonaws.com",
                "TagResource", "AKIA0000000000000000", "127.0.0.1", "aws-cli", input, 400, "ValidationException",
                "too large", "us-east-1", "000000000000");
    }
}
